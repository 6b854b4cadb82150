#!/usr/bin/env python3
"""Independent oracle: the contract marts of metrics.md computed in plain Python, row by row,
from the raw tables (raw-data-contract.md) of a DuckDB file. Written from the spec only, not
from the dbt models, so that scripts/tests/test_independent_oracle.py compares two
implementations of the same definitions on raw data from independent_raw.py.

    python scripts/tests/marts_oracle.py RAW.duckdb   # row counts per mart, and the alerts
"""

import json
import statistics
import sys
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import duckdb

VARS = dict(
    activation_window_hours=168,
    funnel_window_days=14,
    pageview_deviation_threshold=0.15,
    activation_rate_alert_threshold=0.25,
    support_spike_min_requests=5,
    support_spike_stddevs=3,
    support_spike_baseline_days=28,
    max_event_after_receive_hours=24,
)
SEGMENT_SCHEMAS = ["segment_web", "segment_backend"]
SPECIAL = {"pages", "identifies", "groups", "users", "tracks"}
REQUIRED = {
    "signup_completed": ["plan", "source", "workspace_id"],
    "onboarding_completed": ["duration_minutes", "tenant_id", "touchpoints"],
    "agent_published": ["agent_id", "channel", "llm_model", "knowledge_items"],
    "knowledge_uploaded": ["tenant_id", "type", "size_kb", "chunk_count"],
    "integration_connected": ["integration", "tenant_id", "status"],
    "support_request_created": ["tenant_id", "ticket_id", "channel"],
    "dialog_started": ["dialog_id", "agent_id", "tenant_id", "channel"],
}
DAY = timedelta(days=1)


def norm(v):
    """Timestamps to naive UTC."""
    if isinstance(v, datetime) and v.tzinfo is not None:
        return v.astimezone(UTC).replace(tzinfo=None)
    return v


def week(ts):
    d = ts.date() if isinstance(ts, datetime) else ts
    return datetime.combine(d - timedelta(days=d.weekday()), datetime.min.time())


def load(con, schema, table):
    try:
        cur = con.execute(f'select * from {schema}."{table}"')
    except duckdb.CatalogException:
        return []
    cols = [d[0] for d in cur.description]
    return [{c: norm(v) for c, v in zip(cols, r, strict=True)} for r in cur.fetchall()]


def tables(con, schema):
    return [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = ?", [schema]
        ).fetchall()
    ]


def dedupe(rows, key, order):
    best = {}
    for r in rows:
        k = r[key]
        if k not in best or r[order] < best[k][order]:
            best[k] = r
    return list(best.values())


def missing(v):
    return v is None or (isinstance(v, str) and v == "")


def compute(path):
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET TimeZone='UTC'")
    late = timedelta(hours=VARS["max_event_after_receive_hours"])

    # ---------------- Segment staging ------------------------------------------------
    seg = []  # every raw Segment row, with kind
    for s in SEGMENT_SCHEMAS:
        tbls = set(tables(con, s))
        for t in tbls:
            if t in ("users",):
                continue
            for r in load(con, s, t):
                if t == "tracks":
                    if r["event"] in tbls:  # has its own table: read that one
                        continue
                    r["kind"] = "track"
                elif t in ("pages", "identifies", "groups"):
                    r["kind"] = t
                else:
                    r["kind"] = "track"
                    r.setdefault("event", t)
                seg.append(r)
    seg = dedupe(seg, "id", "received_at")
    for r in seg:
        reason = None
        if r["kind"] == "track" and r["event"] in REQUIRED:
            if any(missing(r.get(p)) for p in REQUIRED[r["event"]]):
                reason = "missing property"
        if r["kind"] == "pages" and missing(r.get("url")):
            reason = "missing property"
        if r["timestamp"] > r["received_at"] + late:
            reason = "timestamp after received_at"
        r["q"] = reason
    seg_ok = [r for r in seg if r["q"] is None]

    # identity: anonymous_id -> first user_id it was identified as (any row carrying both)
    anon_map = {}
    for r in sorted(seg_ok, key=lambda r: r["timestamp"]):
        a, u = r.get("anonymous_id"), r.get("user_id")
        if a and u and a not in anon_map:
            anon_map[a] = u
    for r in seg_ok:
        r["uid"] = r.get("user_id") or anon_map.get(r.get("anonymous_id"))

    def seg_events(name):
        return sorted(
            [r for r in seg_ok if r["kind"] == "track" and r["event"] == name],
            key=lambda r: r["timestamp"],
        )

    # ---------------- PostHog staging ------------------------------------------------
    ph = dedupe(load(con, "posthog", "events"), "uuid", "_inserted_at")
    for r in ph:
        r["p"] = json.loads(r["properties"]) if r["properties"] else {}
        reason = None
        if r["event"] in REQUIRED and any(missing(r["p"].get(k)) for k in REQUIRED[r["event"]]):
            reason = "missing property"
        if r["event"] == "$pageview" and missing(r["p"].get("$current_url")):
            reason = "missing property"
        if r["timestamp"] > r["created_at"] + late:
            reason = "timestamp after created_at"
        r["q"] = reason
    ph_ok = [r for r in ph if r["q"] is None]

    as_of = max([r["timestamp"] for r in seg_ok] + [r["timestamp"] for r in ph_ok])

    # ---------------- users / tenants -----------------------------------------------
    signup = {}
    for r in seg_events("signup_completed"):
        if r["uid"] and r["uid"] not in signup:
            signup[r["uid"]] = r
    traits = defaultdict(dict)
    for r in sorted([r for r in seg_ok if r["kind"] == "identifies"], key=lambda r: r["timestamp"]):
        if not r["uid"]:
            continue
        for t in ("company_size", "industry"):
            if r.get(t) is not None and t not in traits[r["uid"]]:
                traits[r["uid"]][t] = r[t]
    dim_users = []
    for u, r in signup.items():
        dim_users.append(
            dict(
                user_id=u,
                tenant_id=r["workspace_id"],
                signup_at=r["timestamp"],
                plan=r["plan"],
                company_size=traits[u].get("company_size"),
                industry=traits[u].get("industry"),
                signup_source=r["source"],
            )
        )
    user_tenant = {u["user_id"]: u["tenant_id"] for u in dim_users}

    tenant_signup_plan = {}
    for u in sorted(dim_users, key=lambda u: u["signup_at"]):
        tenant_signup_plan.setdefault(u["tenant_id"], u["plan"])
    groups = defaultdict(list)
    for r in sorted([r for r in seg_ok if r["kind"] == "groups"], key=lambda r: r["timestamp"]):
        groups[r["group_id"]].append(r)

    def plan_at(tenant, t):
        p = tenant_signup_plan.get(tenant)
        for g in groups.get(tenant, []):
            if g["timestamp"] <= t:
                p = g["plan"]
        return p

    published = seg_events("agent_published")
    first_agent_tenant = {}
    for r in published:
        ten = user_tenant.get(r["uid"])
        if ten and ten not in first_agent_tenant:
            first_agent_tenant[ten] = r["timestamp"]
    dim_tenants = [
        dict(
            tenant_id=t,
            current_plan=plan_at(t, as_of),
            first_agent_published_at=first_agent_tenant.get(t),
        )
        for t in tenant_signup_plan
    ]

    dim_agents = {}
    for r in published:
        if r["agent_id"] not in dim_agents:
            dim_agents[r["agent_id"]] = dict(
                agent_id=r["agent_id"],
                tenant_id=user_tenant.get(r["uid"]),
                published_by_user_id=r["uid"],
                first_published_at=r["timestamp"],
                channel=r["channel"],
                llm_model=r["llm_model"],
            )
    dim_agents = list(dim_agents.values())

    # ---------------- activation / TTFA ---------------------------------------------
    def first_after(events, uid, t, until=None):
        for r in events:
            if (
                r["uid"] == uid
                and r["timestamp"] >= t
                and (until is None or r["timestamp"] <= until)
            ):
                return r["timestamp"]
        return None

    onboard = seg_events("onboarding_completed")
    knowledge = seg_events("knowledge_uploaded")
    win = timedelta(hours=VARS["activation_window_hours"])
    fct = []
    for u in dim_users:
        s = u["signup_at"]
        ob = first_after(onboard, u["user_id"], s)
        ag = first_after(published, u["user_id"], s)
        fct.append(
            dict(
                user_id=u["user_id"],
                tenant_id=u["tenant_id"],
                signup_at=s,
                cohort_week=week(s),
                onboarding_completed_at=ob,
                is_activated_7d=ob is not None and ob <= s + win,
                is_mature=s + win <= as_of,
                first_agent_published_at=ag,
                hours_to_first_agent=(ag - s).total_seconds() / 3600 if ag else None,
            )
        )
    users_by_id = {u["user_id"]: u for u in dim_users}

    act = defaultdict(lambda: [0, 0])
    for f in fct:
        u = users_by_id[f["user_id"]]
        k = (f["cohort_week"], u["plan"], u["company_size"], u["industry"])
        act[k][0] += 1
        act[k][1] += f["is_activated_7d"]
    mart_act = [
        dict(
            cohort_week=k[0],
            plan=k[1],
            company_size=k[2],
            industry=k[3],
            signups=v[0],
            activated_users=v[1],
            activation_rate=v[1] / v[0],
            is_complete=k[0] + timedelta(days=14) <= as_of,
        )
        for k, v in act.items()
    ]

    def pct_cont(xs, q):
        xs = sorted(xs)
        if not xs:
            return None
        pos = (len(xs) - 1) * q
        lo = int(pos)
        hi = min(lo + 1, len(xs) - 1)
        return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)

    tt = defaultdict(list)
    for f in fct:
        tt[(f["cohort_week"], users_by_id[f["user_id"]]["plan"])].append(f["hours_to_first_agent"])
    mart_ttfa = []
    for (w, p), hs in tt.items():
        h = [x for x in hs if x is not None]
        mart_ttfa.append(
            dict(
                cohort_week=w,
                plan=p,
                signups=len(hs),
                users_with_agent=len(h),
                avg_hours_to_first_agent=sum(h) / len(h) if h else None,
                median_hours_to_first_agent=pct_cont(h, 0.5),
                p90_hours_to_first_agent=pct_cont(h, 0.9),
            )
        )

    # ---------------- dialogs ------------------------------------------------------
    dialogs = {}
    for r in sorted(
        [r for r in ph_ok if r["event"] == "dialog_started"], key=lambda r: r["timestamp"]
    ):
        d = r["p"]["dialog_id"]
        if d not in dialogs:
            dialogs[d] = dict(
                start=r["timestamp"], agent_id=r["p"]["agent_id"], tenant_id=r["p"]["tenant_id"]
            )
    dialog_weeks = defaultdict(set)
    for d in dialogs.values():
        dialog_weeks[d["tenant_id"]].add(week(d["start"]))

    cohorts = defaultdict(list)
    for t, fa in first_agent_tenant.items():
        cohorts[week(fa)].append(t)
    mart_ret = []
    for cw, ts in cohorts.items():
        k = 0
        while cw + timedelta(weeks=k + 1) <= as_of:
            wk = cw + timedelta(weeks=k)
            active = sum(1 for t in ts if wk in dialog_weeks[t])
            mart_ret.append(
                dict(
                    cohort_week=cw,
                    weeks_since_cohort=k,
                    cohort_tenants=len(ts),
                    active_tenants=active,
                    retention_rate=active / len(ts),
                )
            )
            k += 1

    usage = defaultdict(lambda: [set(), 0])
    for d in dialogs.values():
        k = (week(d["start"]), plan_at(d["tenant_id"], d["start"]))
        usage[k][0].add(d["agent_id"])
        usage[k][1] += 1
    mart_usage = [
        dict(
            activity_week=k[0],
            plan=k[1],
            active_agents=len(v[0]),
            dialogs=v[1],
            dialogs_per_active_agent=v[1] / len(v[0]),
        )
        for k, v in usage.items()
    ]

    # ---------------- support -------------------------------------------------------
    tickets = {}
    for r in load(con, "zendesk", "tickets"):
        if r["id"] not in tickets or r["updated_at"] > tickets[r["id"]]["updated_at"]:
            tickets[r["id"]] = r
    zusers = {r["id"]: r for r in load(con, "zendesk", "users")}
    sup_events = seg_events("support_request_created")

    def as_ticket_id(v):
        try:
            return int(float(v))
        except (TypeError, ValueError):
            return None

    ev_by_ticket = defaultdict(list)
    for r in sup_events:
        ev_by_ticket[as_ticket_id(r["ticket_id"])].append(r)
    requests = []
    for tid, t in tickets.items():
        evs = ev_by_ticket.pop(tid, [])
        times = [t["created_at"]] + [e["timestamp"] for e in evs]
        zu = zusers.get(t["requester_id"])
        req = (zu or {}).get("external_id") or next((e["uid"] for e in evs if e["uid"]), None)
        requests.append(dict(time=min(times), requester=req, src="ticket", id=tid))
    for _tid, evs in ev_by_ticket.items():
        for e in evs:
            requests.append(dict(time=e["timestamp"], requester=e["uid"], src="event", id=e["id"]))
    sup = defaultdict(int)
    for q in requests:
        ten = user_tenant.get(q["requester"])
        q["plan"] = plan_at(ten, q["time"]) if ten else "unknown"
        sup[(week(q["time"]), q["plan"])] += 1
    mart_support = [dict(request_week=k[0], plan=k[1], support_requests=v) for k, v in sup.items()]

    # ---------------- funnel ---------------------------------------------------------
    dialog_starts_by_tenant = defaultdict(list)
    for d in dialogs.values():
        dialog_starts_by_tenant[d["tenant_id"]].append(d["start"])
    fw = timedelta(days=VARS["funnel_window_days"])
    funnel = defaultdict(lambda: [0] * 6)
    names = [
        "signup_completed",
        "onboarding_completed",
        "knowledge_uploaded",
        "agent_published",
        "dialog_started",
    ]
    for u in dim_users:
        s = u["signup_at"]
        end = s + fw
        step = 1
        t = s
        t2 = first_after(onboard, u["user_id"], t, end)
        if t2:
            step, t = 2, t2
            t3 = first_after(knowledge, u["user_id"], t, end)
            if t3:
                step, t = 3, t3
                t4 = first_after(published, u["user_id"], t, end)
                if t4:
                    step, t = 4, t4
                    t5 = min(
                        [x for x in dialog_starts_by_tenant[u["tenant_id"]] if t <= x <= end],
                        default=None,
                    )
                    if t5:
                        step = 5
        for k in range(1, step + 1):
            funnel[week(s)][k] += 1
    mart_funnel = []
    for w, c in funnel.items():
        for k in range(1, 6):
            mart_funnel.append(
                dict(
                    cohort_week=w,
                    step_number=k,
                    step_name=names[k - 1],
                    users=c[k],
                    conversion_from_first_step=c[k] / c[1],
                )
            )

    # ---------------- page views -----------------------------------------------------
    pv = defaultdict(lambda: [0, 0, 0])
    for r in seg_ok:
        if r["kind"] == "pages":
            pv[r["timestamp"].date()][0] += 1
    for r in ph_ok:
        if r["event"] == "$pageview":
            pv[r["timestamp"].date()][1] += 1
    vrows = con.execute(
        "select distinct * from vercel.analytics_events where event_type = 'pageview'"
    ).fetchall()
    vcols = [d[0] for d in con.description]
    for row in vrows:
        ms = dict(zip(vcols, row, strict=True))["timestamp"]
        pv[(datetime(1970, 1, 1) + timedelta(milliseconds=ms)).date()][2] += 1
    thr = VARS["pageview_deviation_threshold"]
    mart_pv = []
    for d, (s_, p_, v_) in sorted(pv.items()):
        dev = abs(p_ - v_) / v_ if v_ else None
        mart_pv.append(
            dict(
                date_day=d,
                segment_page_views=s_,
                posthog_page_views=p_,
                vercel_page_views=v_,
                posthog_vs_vercel_deviation=dev,
                is_flagged=dev is not None and dev > thr,
            )
        )

    # ---------------- alerts ---------------------------------------------------------
    alerts = []
    complete = [w for w in {f["cohort_week"] for f in fct} if w + timedelta(days=14) <= as_of]
    if complete:
        lw = max(complete)
        fs = [f for f in fct if f["cohort_week"] == lw]
        rate = sum(f["is_activated_7d"] for f in fs) / len(fs)
        if rate < VARS["activation_rate_alert_threshold"]:
            alerts.append(
                dict(
                    alert_type="activation_below_threshold",
                    period_start=lw,
                    metric_value=rate,
                    threshold=VARS["activation_rate_alert_threshold"],
                )
            )
    daily = defaultdict(int)
    for q in requests:
        daily[q["time"].date()] += 1
    spike_debug = []
    if daily:
        first = min(daily)
        nb = VARS["support_spike_baseline_days"]
        d = first + timedelta(days=nb)  # the 29th day counting the first day as day 1
        while d <= max(max(daily), as_of.date()):
            base = [daily.get(d - timedelta(days=j), 0) for j in range(1, nb + 1)]
            m = statistics.mean(base)
            sd = statistics.stdev(base)
            lim = m + VARS["support_spike_stddevs"] * sd
            c = daily.get(d, 0)
            if c >= VARS["support_spike_min_requests"]:
                spike_debug.append((d, c, lim))
            if c >= VARS["support_spike_min_requests"] and c > lim:
                alerts.append(
                    dict(
                        alert_type="support_request_spike",
                        period_start=d,
                        metric_value=c,
                        threshold=lim,
                    )
                )
            d += DAY
    for r in mart_pv:
        if r["is_flagged"]:
            alerts.append(
                dict(
                    alert_type="pageview_deviation",
                    period_start=r["date_day"],
                    metric_value=r["posthog_vs_vercel_deviation"],
                    threshold=thr,
                )
            )

    out = dict(
        dim_users=dim_users,
        dim_tenants=dim_tenants,
        dim_agents=dim_agents,
        fct_user_activation=fct,
        mart_activation_weekly=mart_act,
        mart_time_to_first_agent_weekly=mart_ttfa,
        mart_retention_weekly=mart_ret,
        mart_usage_intensity_weekly=mart_usage,
        mart_support_load_weekly=mart_support,
        mart_activation_funnel=mart_funnel,
        mart_pageviews_reconciliation_daily=mart_pv,
        mart_alerts=alerts,
    )
    debug = dict(
        as_of=as_of,
        requests=requests,
        dialogs=dialogs,
        anon_map=anon_map,
        spike=spike_debug,
        first_request_day=min(daily) if daily else None,
        daily=daily,
        seg=seg,
        ph=ph,
    )
    return out, debug


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: marts_oracle.py RAW.duckdb")
    out, dbg = compute(sys.argv[1])
    print(
        "as_of",
        dbg["as_of"],
        "first request day",
        dbg["first_request_day"],
        "spike candidates",
        dbg["spike"],
    )
    for k, v in out.items():
        print(k, len(v))
    for a in out["mart_alerts"]:
        print(a)
