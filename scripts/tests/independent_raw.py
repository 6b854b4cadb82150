#!/usr/bin/env python3
"""Independent raw-data producer for the raw-data contract (../shared/spec/raw-data-contract.md).

Written from the spec only, apart from scripts/generate_raw_data.py, so that the marts are
also checked on raw data that the project's own generator did not shape: the vendor layouts
of schemas segment_web, segment_backend, posthog, zendesk and vercel, ~220 users over 47 days,
a fixed seed. Vendor quirks are marked QUIRK; hand-made edge cases are marked EDGE and listed
in edge_cases.json next to the output file. Read by scripts/tests/test_independent_oracle.py
together with marts_oracle.py.

    python scripts/tests/independent_raw.py OUT.duckdb
"""

import json
import random
import sys
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

SEED = 20240228
R = random.Random(SEED)
START = datetime(2024, 2, 28)  # a Wednesday
DAYS = 47
AS_OF = datetime(
    2024, 4, 15, 0, 0, 0
)  # EDGE: the latest valid event (a dialog_started), a Monday 00:00
CUTOFF = AS_OF - timedelta(minutes=5)  # every other valid event is before this
N_USERS = 220
EDGES = {}

H = timedelta(hours=1)
M = timedelta(minutes=1)
S = timedelta(seconds=1)
D = timedelta(days=1)


def hx(prefix, n=10):
    return prefix + "".join(R.choice("0123456789abcdef") for _ in range(n))


def uuid4():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


# ----------------------------------------------------------------------------------------
# Segment
# ----------------------------------------------------------------------------------------
SEG = defaultdict(list)  # (schema, table) -> rows
EVENT_TEXT = {
    "signup_completed": "Signup Completed",
    "onboarding_completed": "Onboarding Completed",
    "agent_published": "Agent Published",
    "knowledge_uploaded": "Knowledge Uploaded",
    "integration_connected": "Integration Connected",
    "support_request_created": "Support Request Created",
    "agent_tested": "Agent Tested",
    "button_clicked": "Button Clicked",
}


def seg_common(ts, user_id, anon, path="/app", lib="analytics.js", late_days=0, recv=None):
    recv = recv if recv is not None else ts + R.randint(1, 40) * S + late_days * D
    # QUIRK: original_timestamp is the client clock: sometimes hours or years off.
    skew = R.choice([0, 0, 0, 0, 0, 3 * 3600, -7 * 3600, 2 * 365 * 86400])
    return dict(
        id=uuid4(),
        anonymous_id=anon,
        user_id=user_id,
        timestamp=ts,
        original_timestamp=ts + skew * S,
        sent_at=ts + skew * S + 2 * S,
        received_at=recv,
        uuid_ts=recv + R.randint(5, 90) * M,
        context_library_name=lib,
        context_page_path=path,
        context_page_url=("https://app.agentbuilder.io" + path) if path else None,
        context_ip=f"203.0.113.{R.randint(1, 254)}",
        context_user_agent="Mozilla/5.0 (X11; Linux x86_64)",
        context_locale="en-US",
    )


def track(schema, event, ts, user_id, anon, props, own_table=True, **kw):
    """A track call: one row in the per-event table (if it has one) and one in tracks."""
    row = seg_common(ts, user_id, anon, **kw)
    row.update(event=event, event_text=EVENT_TEXT.get(event, event))
    trow = dict(row)
    if own_table:
        erow = dict(row)
        erow.update(props)
        SEG[(schema, event)].append(erow)
    SEG[(schema, "tracks")].append(trow)
    return row


def redeliver(schema, event, row, days_later):
    """QUIRK: at-least-once delivery: same id again, received days later."""
    for table in [event, "tracks"] if event else ["pages"]:
        for r in list(SEG[(schema, table)]):
            if r["id"] == row["id"]:
                c = dict(r)
                c["received_at"] = r["received_at"] + days_later * D + 17 * M
                c["uuid_ts"] = c["received_at"] + 40 * M
                SEG[(schema, table)].append(c)
                break


# ----------------------------------------------------------------------------------------
# PostHog
# ----------------------------------------------------------------------------------------
PH = []
PERSONS = []


def ph(event, ts, distinct_id, props, person_id=None, late_days=0, created=None):
    created = created if created is not None else ts + R.randint(1, 20) * S + late_days * D
    row = dict(
        uuid=uuid4(),
        event=event,
        distinct_id=distinct_id,
        person_id=person_id,
        properties=json.dumps(props),
        person_properties=None,
        elements_chain=None,
        timestamp=ts,
        created_at=created,
        _inserted_at=created + R.randint(1, 59) * M,
        site_url="https://app.agentbuilder.io",
    )  # QUIRK: a column the contract doesn't list
    PH.append(row)
    return row


def person(distinct_id, person_id, version, created, deleted=False, props=None):
    PERSONS.append(
        dict(
            team_id=1,
            distinct_id=distinct_id,
            person_id=person_id,
            properties=json.dumps(props or {}),
            person_distinct_id_version=version,
            person_version=version + 1,
            created_at=created,
            _inserted_at=created + 2 * H,
            is_deleted=deleted,
        )
    )


# ----------------------------------------------------------------------------------------
# Vercel
# ----------------------------------------------------------------------------------------
VERCEL = []
VERCEL_OUTAGE_DAY = datetime(2024, 3, 15).date()  # EDGE: the drain delivered nothing that day
PH_LOSSY_DAYS = {datetime(2024, 3, 20).date(), datetime(2024, 4, 2).date()}  # PostHog blocked a lot


def vercel(ts, path, session, device, event_type="pageview"):
    if ts.date() == VERCEL_OUTAGE_DAY:
        return
    row = dict(
        event_type=event_type,
        timestamp=int((ts - datetime(1970, 1, 1)).total_seconds() * 1000),
        project_id="prj_agentbuilder",
        path=path,
        route=path.split("?")[0],
        referrer=None,
        session_id=session,
        device_id=device,
        origin="https://app.agentbuilder.io",
        country=R.choice(["DE", "US", "FR", "BR"]),
        device_type=R.choice(["desktop", "mobile"]),
        received_at=ts + R.randint(2, 30) * S,
    )
    VERCEL.append(row)
    if R.random() < 0.03:  # QUIRK: exact duplicate drained row
        VERCEL.append(dict(row))


def pageview(ts, user_id, anon, ph_distinct, path, session, person_id=None):
    """One browser page view, seen (or not) by Segment, PostHog and Vercel."""
    ts = ts + timedelta(milliseconds=R.randint(0, 59999))
    if ts >= CUTOFF:
        return
    url = "https://app.agentbuilder.io" + path
    if R.random() < 0.95:  # ad blockers drop a few Segment calls
        r = seg_common(ts, user_id, anon, path=path, late_days=1 if R.random() < 0.02 else 0)
        r.update(
            name=path.strip("/") or "home", path=path, url=url, referrer=None, title="AgentBuilder"
        )
        SEG[("segment_web", "pages")].append(r)
        if R.random() < 0.02:
            redeliver("segment_web", None, r, R.randint(1, 4))
    keep = 0.55 if ts.date() in PH_LOSSY_DAYS else 0.91
    if R.random() < keep:
        ph(
            "$pageview",
            ts,
            ph_distinct,
            {
                "$current_url": url,
                "$pathname": path,
                "$session_id": session,
                "$host": "app.agentbuilder.io",
            },
            person_id=person_id,
        )
    vercel(ts, path, session, anon)


# ----------------------------------------------------------------------------------------
# Users
# ----------------------------------------------------------------------------------------
PLANS = ["free", "starter", "pro", "enterprise"]
SOURCES = ["organic", "google_ads", "referral", "linkedin"]
SIZES = ["1-10", "11-50", "51-200", "201-1000"]
INDUSTRIES = ["retail", "saas", "healthcare", "finance", "education"]
CHANNELS = ["web_widget", "whatsapp", "email", "slack"]
MODELS = ["gpt-4o", "claude-3-5-sonnet", "llama-3-70b"]
PAGES = [
    "/app",
    "/app/agents",
    "/app/knowledge",
    "/app/integrations",
    "/app/settings",
    "/app/dialogs",
]

tenants = []  # (tenant_id, creator signup time, plan)
users = []  # dicts
agents = []  # (agent_id, tenant_id, first publish ts)
support_users = []  # users that opened support requests (for Zendesk users)
ZD_TICKETS = []  # (id, created_at, requester key, via)
ticket_seq = [40000]


def next_ticket():
    ticket_seq[0] += R.randint(1, 5)
    return ticket_seq[0]


def product_event(
    event,
    ts,
    user_id,
    anon,
    props,
    ph_distinct,
    person_id,
    tenant,
    ph_copy=True,
    seg_copy=True,
    **kw,
):
    """A browser product event: Segment (canonical) and PostHog copy (JSON properties)."""
    row = None
    if seg_copy:
        row = track("segment_web", event, ts, user_id, anon, props, **kw)
    if ph_copy and R.random() < 0.97:
        p = dict(props)
        p.update(
            {
                "$current_url": "https://app.agentbuilder.io/app",
                "$groups": {"tenant": tenant},
                "$session_id": "s-" + (anon or "x"),
                "$lib": "web",
            }
        )
        ph(event, ts, ph_distinct, p, person_id=person_id)
    if R.random() < 0.5:  # QUIRK: Vercel custom events (event_type 'event') are not page views
        vercel(ts, "/app", "s-" + (anon or "x"), anon, event_type="event")
    return row


def ev(u, event, ts, props, **kw):
    return product_event(
        event, ts, u["user_id"], u["anon"], props, u["user_id"], u["pid"], u["tenant"], **kw
    )


def K(u):
    return {"tenant_id": u["tenant"], "type": "pdf", "size_kb": 10.0, "chunk_count": 3}


def onboarding_props(u):
    return {"duration_minutes": 5.0, "tenant_id": u["tenant"], "touchpoints": 2}


def A(ag):
    return {"agent_id": ag, "channel": "email", "llm_model": "gpt-4o", "knowledge_items": 2}


EXTRA_DIALOGS = []  # (agent, tenant, ts)


def flow_25(u):  # agent + dialogs before and after the tenant's first (late) groups call
    s = u["signup"]
    ev(u, "onboarding_completed", s + H, onboarding_props(u))
    ev(u, "knowledge_uploaded", s + 2 * H, K(u))
    ag = hx("agt_", 8)
    ev(u, "agent_published", s + 12 * H, A(ag))
    agents.append((ag, u["tenant"], s + 12 * H))
    EXTRA_DIALOGS.extend([(ag, u["tenant"], s + D), (ag, u["tenant"], s + 4 * D)])


def flow_26(u):  # EDGE funnel order: knowledge BEFORE onboarding, then agent -> furthest step 2
    s = u["signup"]
    ev(u, "knowledge_uploaded", s + H, K(u))
    ev(u, "onboarding_completed", s + 2 * H, onboarding_props(u))
    ag = hx("agt_", 8)
    ev(u, "agent_published", s + 3 * H, A(ag))
    agents.append((ag, u["tenant"], s + 3 * H))
    EDGES["funnel_knowledge_before_onboarding"] = u["user_id"]


def flow_27(
    u,
):  # EDGE: redelivery with a drifted timestamp; the first delivery (by received_at) counts
    s = u["signup"]
    row = ev(u, "onboarding_completed", s + 168 * H + 10 * S, onboarding_props(u))
    c = dict(row)
    c.update(
        timestamp=s + 167 * H,
        received_at=row["received_at"] + 2 * D,
        uuid_ts=row["received_at"] + 2 * D + H,
    )
    for t in ("onboarding_completed", "tracks"):
        base = [r for r in SEG[("segment_web", t)] if r["id"] == row["id"]][0]
        SEG[("segment_web", t)].append(
            dict(base, timestamp=c["timestamp"], received_at=c["received_at"], uuid_ts=c["uuid_ts"])
        )
    EDGES["redelivery_with_other_timestamp"] = u["user_id"]


def flow_28(u):  # EDGE funnel: the tenant's only dialog at exactly signup + 14 days -> step 5
    s = u["signup"]
    ev(u, "onboarding_completed", s + H, onboarding_props(u))
    ev(u, "knowledge_uploaded", s + 2 * H, K(u))
    ag = hx("agt_", 8)
    ev(u, "agent_published", s + 3 * H, A(ag))
    EXTRA_DIALOGS.append((ag, u["tenant"], s + 14 * D))
    EDGES["funnel_dialog_exactly_14d"] = u["user_id"]


def flow_29(u):  # EDGE funnel: onboarding exactly at signup + 14 days (step 2, not activated)
    ev(u, "onboarding_completed", u["signup"] + 14 * D, onboarding_props(u))
    EDGES["funnel_onboarding_exactly_14d"] = u["user_id"]


def flow_2(u):  # EDGE: first publish quarantined (no llm_model), valid re-publish a day later
    s = u["signup"]
    ev(u, "onboarding_completed", s + H, onboarding_props(u))
    ev(u, "knowledge_uploaded", s + 2 * H, K(u))
    ag = hx("agt_", 8)
    ev(u, "agent_published", s + 3 * H, dict(A(ag), llm_model=None))
    ev(u, "agent_published", s + 27 * H, dict(A(ag), channel="slack"))
    agents.append((ag, u["tenant"], s + 27 * H))
    EDGES["agent_first_publish_quarantined"] = ag


def flow_19(u):  # EDGE: backend retried support event: 2 messages, one ticket_id, plus the ticket
    ts = u["signup"] + 2 * D
    ticket = next_ticket()
    for k in range(2):
        track(
            "segment_backend",
            "support_request_created",
            ts + k * M,
            u["user_id"],
            None,
            {"tenant_id": u["tenant"], "ticket_id": str(ticket), "channel": "in_app"},
            lib="analytics-python",
            path=None,
        )
    ZD_TICKETS.append((ticket, ts + 5 * M, u, "api"))
    EDGES["support_two_events_one_ticket"] = ticket


SPECIAL_FLOW = {
    25: flow_25,
    26: flow_26,
    27: flow_27,
    28: flow_28,
    29: flow_29,
    2: flow_2,
    19: flow_19,
}

for i in range(N_USERS):
    user_id = hx("usr_")
    anon = uuid4()
    pid = uuid4()
    signup = START + timedelta(seconds=R.randint(0, 40 * 86400))
    if i < 30:  # the hand-made edge-case users sign up early (mature, complete cohorts)
        signup = START + timedelta(seconds=R.randint(0, 10 * 86400))
    if i == 0:
        signup = AS_OF - 168 * H  # EDGE: mature exactly at as_of (and a Monday 00:00 signup)
        EDGES["signup_mature_exactly"] = "user index 0"
    if i == 1:
        signup = AS_OF - 168 * H + S  # EDGE: one second short of mature
        EDGES["signup_not_mature_by_1s"] = "user index 1"
    plan = R.choices(PLANS, [50, 30, 15, 5])[0]
    source = R.choice(SOURCES)
    joinable = [t for t in tenants if t[1] < signup - H]
    if joinable and R.random() < 0.2 and i >= 30:
        tenant, _, plan = R.choice(joinable)  # invited into an existing workspace
        creator = False
    else:
        tenant = hx("ten_", 8)
        tenants.append((tenant, signup, plan))
        creator = True
    u = dict(i=i, user_id=user_id, anon=anon, pid=pid, signup=signup, plan=plan, tenant=tenant)
    users.append(u)
    session = "s-" + anon

    # PostHog persons: anon and user share one person (identify merges them).
    person(anon, pid, 0, signup - 10 * M)
    person(user_id, pid, 0, signup + 31 * S)
    if i % 25 == 0:  # QUIRK: the anon distinct_id's latest version is deleted
        person(anon, pid, 1, signup + 3 * D, deleted=True)

    # Anonymous browsing before signup (QUIRK: rows with anonymous_id only, identified later).
    for _k in range(R.randint(1, 3)):
        pageview(
            signup - R.randint(2, 50) * M,
            None,
            anon,
            anon,
            R.choice(["/", "/pricing", "/signup"]),
            session,
            person_id=pid,
        )

    if i == 18:  # EDGE: identifies but never signs up (no signup_completed at all)
        track("segment_web", "button_clicked", signup, None, anon, {}, own_table=False)
        r = seg_common(signup + M, user_id, anon)
        r.update(
            email=f"{user_id}@example.com",
            name="Never Signed",
            plan=None,
            company_size="11-50",
            industry="saas",
        )
        SEG[("segment_web", "identifies")].append(r)
        u["no_signup"] = True
        EDGES["identified_never_signed_up"] = user_id
        continue

    # ---- signup --------------------------------------------------------------------------
    sp = {
        "plan": plan,
        "source": source,
        "workspace_id": tenant,
        "experiment_variant": R.choice(["a", "b"]),
    }
    anon_only_signup = i % 20 == 9  # QUIRK: signup fired before identify: anonymous_id only
    if i == 7:
        # EDGE: first signup violates the plan (no source) -> quarantined; a valid one a day later
        bad = dict(sp, source=None)
        product_event("signup_completed", signup, user_id, anon, bad, anon, pid, tenant)
        signup = signup + D
        u["signup"] = signup
        EDGES["first_signup_quarantined"] = user_id
    sig = product_event(
        "signup_completed",
        signup,
        None if anon_only_signup else user_id,
        anon,
        sp,
        anon,
        pid,
        tenant,
    )
    if anon_only_signup:
        EDGES.setdefault("anon_only_signup", []).append(user_id)
    if i == 6:
        # EDGE: a second valid signup 2 days later with another plan and source: the first counts
        product_event(
            "signup_completed",
            signup + 2 * D,
            user_id,
            anon,
            dict(sp, plan="enterprise", source="partner"),
            user_id,
            pid,
            tenant,
        )
        EDGES["two_valid_signups"] = user_id
    if i == 17:
        redeliver(
            "segment_web", "signup_completed", sig, 3
        )  # QUIRK: duplicate delivery 3 days later
        EDGES["signup_redelivered"] = user_id
    if R.random() < 0.03:
        redeliver("segment_web", "signup_completed", sig, R.randint(1, 5))

    # ---- identify ------------------------------------------------------------------------
    size = R.choice(SIZES)
    ind = R.choice(INDUSTRIES)
    size0 = None if R.random() < 0.25 else size  # QUIRK: traits null on first identify
    ind0 = None if R.random() < 0.25 else ind
    if i == 12:
        size0 = size
    if i == 11:
        # EDGE: an anonymous-only identify carries company_size before the user's first
        # identified identify (which has company_size null).
        r = seg_common(signup - 5 * M, None, anon)
        r.update(email=None, name=None, plan=None, company_size="201-1000", industry=None)
        SEG[("segment_web", "identifies")].append(r)
        size0 = None
        EDGES["anon_only_identify_traits"] = user_id
    r = seg_common(signup + 30 * S, user_id, anon)
    r.update(
        email=f"{user_id}@example.com",
        name=f"User {i}",
        plan=plan,
        company_size=size0,
        industry=ind0,
    )
    SEG[("segment_web", "identifies")].append(r)
    if (size0 is None or ind0 is None or i == 12) and signup + 140 * H < CUTOFF:
        r = seg_common(signup + R.randint(20, 140) * H, user_id, anon)
        later_size = "1-10" if i == 12 and size0 is not None else size
        r.update(
            email=f"{user_id}@example.com",
            name=f"User {i}",
            plan=None,
            company_size=later_size,
            industry=ind,
        )
        SEG[("segment_web", "identifies")].append(r)
        if i == 12:
            EDGES["company_size_changed_later"] = user_id
    ph(
        "$identify",
        signup + 31 * S,
        user_id,
        {"$anon_distinct_id": anon, "$lib": "web"},
        person_id=pid,
    )
    if i % 10 == 3:
        # QUIRK: PostHog merge: a second device (own person first) is identified as the user.
        dev2 = uuid4()
        q = uuid4()
        person(dev2, q, 0, signup + 2 * D)
        person(dev2, pid, 1, signup + 2 * D + H)
        pageview(signup + 2 * D, None, dev2, dev2, "/", "s-" + dev2, person_id=q)
        ph("$identify", signup + 2 * D + H, user_id, {"$anon_distinct_id": dev2}, person_id=q)

    # ---- groups (tenant) -----------------------------------------------------------------
    if creator and i == 25:
        # EDGE: no groups call at signup; the first groups call (a plan change) comes 3 days later
        r = seg_common(signup + 3 * D, user_id, anon)
        r.update(
            group_id=tenant,
            name="Late Group Co",
            plan="enterprise" if plan != "enterprise" else "free",
            industry=ind,
            employees=5,
        )
        SEG[("segment_web", "groups")].append(r)
        EDGES["first_groups_call_is_plan_change"] = tenant
    elif creator:
        r = seg_common(signup + 45 * S, user_id, anon)
        r.update(
            group_id=tenant,
            name=f"Company {i}",
            plan=plan,
            industry=ind,
            employees=R.randint(1, 900),
        )
        SEG[("segment_web", "groups")].append(r)
        ph(
            "$groupidentify",
            signup + 45 * S,
            user_id,
            {"$group_type": "tenant", "$group_key": tenant, "$group_set": {"plan": plan}},
            person_id=pid,
        )
        if R.random() < 0.2:  # QUIRK: a plan change through a later groups call
            t2 = signup + R.randint(2, 20) * D + R.randint(0, 86399) * S
            if t2 < CUTOFF:
                new_plan = R.choice([p for p in PLANS if p != plan])
                r = seg_common(t2, user_id, anon)
                r.update(
                    group_id=tenant,
                    name=f"Company {i}",
                    plan=new_plan,
                    industry=ind,
                    employees=None,
                )
                SEG[("segment_web", "groups")].append(r)

    if i in SPECIAL_FLOW:
        SPECIAL_FLOW[i](u)
        continue
    # ---- onboarding --------------------------------------------------------------------
    broken = signup >= datetime(2024, 3, 24)  # onboarding got worse late: activation alert
    onboard = None
    if i == 3:
        onboard = signup + 168 * H  # EDGE: exactly at the 7-day bound -> activated
        EDGES["onboarding_exactly_168h"] = user_id
    elif i == 4:
        onboard = signup + 168 * H + S  # EDGE: one second late -> not activated
        EDGES["onboarding_168h_plus_1s"] = user_id
    elif i == 5:
        # EDGE: onboarding 5 minutes before signup only -> not counted
        product_event(
            "onboarding_completed",
            signup - 5 * M,
            user_id,
            anon,
            {"duration_minutes": 4.5, "tenant_id": tenant, "touchpoints": 3},
            user_id,
            pid,
            tenant,
        )
        EDGES["onboarding_before_signup_only"] = user_id
    elif i in (8, 9, 10, 15, 16) or R.random() < (0.2 if broken else 0.7):
        h = R.choice([R.uniform(0.2, 48)] * 7 + [R.uniform(48, 160)] * 2 + [R.uniform(170, 300)])
        onboard = signup + timedelta(hours=h)
    ob_props = {
        "duration_minutes": round(R.uniform(3, 40), 1),
        "tenant_id": tenant,
        "touchpoints": R.randint(1, 9),
    }
    if onboard is not None and onboard < CUTOFF:
        if i == 8:
            # EDGE: timestamp exactly 24 h after received_at: still valid
            product_event(
                "onboarding_completed",
                onboard,
                user_id,
                anon,
                ob_props,
                user_id,
                pid,
                tenant,
                recv=onboard - 24 * H,
            )
            EDGES["onboarding_ts_24h_after_received"] = user_id
        elif i == 9:
            # EDGE: 24 h + 1 s after received_at -> quarantined (user not activated)
            product_event(
                "onboarding_completed",
                onboard,
                user_id,
                anon,
                ob_props,
                user_id,
                pid,
                tenant,
                recv=onboard - 24 * H - S,
            )
            EDGES["onboarding_ts_24h1s_after_received_quarantined"] = user_id
        elif i == 10:
            # EDGE: onboarding from a second device, anonymous only; that device is tied to the
            # user only by a later knowledge_uploaded row carrying both ids (no identify).
            dev3 = uuid4()
            product_event("onboarding_completed", onboard, None, dev3, ob_props, dev3, None, tenant)
            product_event(
                "knowledge_uploaded",
                onboard + 10 * M,
                user_id,
                dev3,
                {"tenant_id": tenant, "type": "pdf", "size_kb": 120.0, "chunk_count": 8},
                user_id,
                pid,
                tenant,
            )
            EDGES["anon_device_linked_by_event_row"] = user_id
        elif i == 15:
            # EDGE: Segment lost the onboarding; only PostHog has it -> not activated (canonical)
            product_event(
                "onboarding_completed",
                onboard,
                user_id,
                anon,
                ob_props,
                user_id,
                pid,
                tenant,
                seg_copy=False,
            )
            EDGES["onboarding_posthog_only"] = user_id
        else:
            rnd = i >= 30  # random quirks only on users that are not hand-made edge cases
            anon_only = (i == 16) or (
                rnd and R.random() < 0.06
            )  # QUIRK: user_id null, anonymous_id set
            late = R.randint(2, 5) if rnd and R.random() < 0.05 else 0  # QUIRK: late event
            missing = rnd and R.random() < 0.03  # QUIRK: violates the plan
            props = dict(ob_props, touchpoints=None) if missing else ob_props
            row = product_event(
                "onboarding_completed",
                onboard,
                None if anon_only else user_id,
                anon,
                props,
                user_id,
                pid,
                tenant,
                late_days=late,
            )
            if i == 16:
                EDGES["onboarding_anon_only"] = user_id
            if rnd and R.random() < 0.03:
                redeliver("segment_web", "onboarding_completed", row, R.randint(1, 6))
    if i in (3, 4) and onboard is not None:
        pass

    # ---- knowledge / integrations / agents ---------------------------------------------
    t = onboard if onboard is not None and i != 5 else signup + R.uniform(1, 30) * H
    has_knowledge = onboard is not None or R.random() < 0.2
    last = t
    if has_knowledge:
        for _k in range(R.randint(1, 3)):
            last = last + R.uniform(0.1, 30) * H
            if last >= CUTOFF:
                break
            kp = {
                "tenant_id": tenant,
                "type": R.choice(["pdf", "url", "faq"]),
                "size_kb": round(R.uniform(3, 900), 1),
                "chunk_count": R.randint(1, 80),
            }
            if R.random() < 0.02:
                kp["chunk_count"] = None  # QUIRK: missing required property -> quarantined
            product_event("knowledge_uploaded", last, user_id, anon, kp, user_id, pid, tenant)
        for _k in range(R.randint(0, 2)):
            ti = last + R.uniform(0.1, 20) * H
            if ti < CUTOFF:
                product_event(
                    "integration_connected",
                    ti,
                    user_id,
                    anon,
                    {
                        "integration": R.choice(["hubspot", "zendesk", "shopify"]),
                        "tenant_id": tenant,
                        "status": R.choice(["ok", "ok", "failed"]),
                    },
                    user_id,
                    pid,
                    tenant,
                )
    if i == 14:
        # EDGE: the only agent_published is 2 minutes BEFORE the signup timestamp.
        ag = hx("agt_", 8)
        product_event(
            "agent_published",
            signup - 2 * M,
            user_id,
            anon,
            {"agent_id": ag, "channel": "web_widget", "llm_model": "gpt-4o", "knowledge_items": 1},
            user_id,
            pid,
            tenant,
        )
        agents.append((ag, tenant, signup - 2 * M))
        EDGES["agent_published_before_signup"] = user_id
    elif R.random() < (0.7 if has_knowledge else 0.08):
        n_agents = 2 if R.random() < 0.2 else 1
        for k in range(n_agents):
            pub = last + R.uniform(0.5, 72) * H + k * R.uniform(5, 100) * H
            if pub >= CUTOFF:
                break
            ag = hx("agt_", 8)
            ap = {
                "agent_id": ag,
                "channel": R.choice(CHANNELS),
                "llm_model": R.choice(MODELS),
                "knowledge_items": R.randint(0, 12),
            }
            if R.random() < 0.03:
                ap["llm_model"] = None  # QUIRK: missing required property -> quarantined
            row = product_event("agent_published", pub, user_id, anon, ap, user_id, pid, tenant)
            if ap["llm_model"] is not None:
                agents.append((ag, tenant, pub))
            if i == 13 or R.random() < 0.1:
                # QUIRK/EDGE: the agent is re-published later with another model
                rp = pub + R.uniform(10, 200) * H
                if rp < CUTOFF:
                    product_event(
                        "agent_published",
                        rp,
                        user_id,
                        anon,
                        dict(
                            ap,
                            llm_model="llama-3-70b"
                            if ap["llm_model"] != "llama-3-70b"
                            else "gpt-4o",
                            channel="whatsapp",
                        ),
                        user_id,
                        pid,
                        tenant,
                    )
                    if i == 13:
                        EDGES["agent_republished_other_model"] = ag

    # ---- browsing after signup --------------------------------------------------------
    stickiness = R.uniform(0.05, 0.6)
    day = signup
    while day < CUTOFF:
        if R.random() < stickiness:
            sess = hx("s-", 8)
            tt = day + R.uniform(0, 10) * H
            for _k in range(R.randint(1, 5)):
                tt += R.uniform(0.2, 8) * M
                pageview(tt, user_id, anon, user_id, R.choice(PAGES), sess, person_id=pid)
        day += D
        stickiness *= 0.97

    # ---- support requests (backend, Segment HTTP API) -----------------------------------
    if R.random() < 0.12 or i in (20, 21, 22, 23, 24):
        ts = signup + R.uniform(1, 20) * D
        if ts < CUTOFF:
            support_users.append(u)
            ticket = next_ticket()
            props = {"tenant_id": tenant, "ticket_id": str(ticket), "channel": "in_app"}
            if i == 23:
                props["channel"] = None  # EDGE: quarantined event that matches a Zendesk ticket
                EDGES["support_quarantined_event_matched_ticket"] = ticket
            if i == 24:
                props["tenant_id"] = None  # EDGE: quarantined event without a ticket: not counted
                EDGES["support_quarantined_event_no_ticket"] = ticket
            row = track(
                "segment_backend",
                "support_request_created",
                ts,
                user_id,
                None,
                props,
                lib="analytics-python",
                path=None,
            )
            if i == 17:
                # EDGE: duplicate delivery of the support event 35 days later
                redeliver("segment_backend", "support_request_created", row, 35)
                EDGES["support_event_redelivered_35d"] = ticket
            if i == 20:
                ZD_TICKETS.append(
                    (ticket, ts - 10 * M, u, "api")
                )  # EDGE: ticket earlier than event
                EDGES["support_ticket_earlier"] = ticket
            elif i == 21:
                ZD_TICKETS.append(
                    (ticket, ts + 10 * M, u, "api")
                )  # EDGE: event earlier than ticket
                EDGES["support_event_earlier"] = ticket
            elif i == 22:
                # EDGE: Zendesk requester has no external_id; the event's user_id resolves it
                ZD_TICKETS.append((ticket, ts + 2 * M, dict(u, zd_no_external=True), "api"))
                EDGES["support_requester_from_event"] = ticket
            elif i == 23:
                ZD_TICKETS.append((ticket, ts + 30 * M, u, "api"))
            elif i != 24 and R.random() < 0.7:
                ZD_TICKETS.append((ticket, ts + R.randint(-120, 120) * S, u, "api"))

# ----------------------------------------------------------------------------------------
# Dialogs (agent runtime -> PostHog server capture), canonical in PostHog only
# ----------------------------------------------------------------------------------------
tenant_engagement = {}
for ag, tenant, pub in agents:
    if tenant not in tenant_engagement:
        tenant_engagement[tenant] = 0.0 if R.random() < 0.15 else R.uniform(0.2, 0.8)
    eng = tenant_engagement[tenant]
    life = R.uniform(5, 40)
    day = pub
    while day < CUTOFF and (day - pub).days < life:
        if R.random() < eng:
            for _k in range(R.randint(1, 4)):
                ts = day + R.uniform(0, 24) * H
                if ts >= CUTOFF:
                    continue
                dlg = hx("dlg_", 12)
                props = {
                    "dialog_id": dlg,
                    "agent_id": ag,
                    "tenant_id": tenant,
                    "channel": R.choice(CHANNELS),
                    "$lib": "posthog-python",
                    "$groups": {"tenant": tenant},
                }
                if R.random() < 0.01:
                    props["channel"] = None  # QUIRK: violates the plan
                cust = hx("cust_", 8)
                late = R.randint(1, 3) if R.random() < 0.03 else 0
                row = ph("dialog_started", ts, cust, props, person_id=uuid4(), late_days=late)
                if R.random() < 0.02:  # QUIRK: export overlap: same uuid twice
                    c = dict(row)
                    c["_inserted_at"] = row["_inserted_at"] + R.randint(1, 3) * D
                    PH.append(c)
                if R.random() < 0.08:  # QUIRK: client retry, maybe with an earlier time
                    off = R.choice([R.uniform(3, 90), -R.uniform(1, 60)])
                    p2 = dict(props, channel=props["channel"] or "web_widget")
                    ph("dialog_started", ts + off * S, cust, p2, person_id=uuid4())
        day += D

# EDGE dialogs on the tenant of the earliest agent (hand-made week-boundary cases)
agents.sort(key=lambda a: a[2])
ag0, ten0, pub0 = agents[0]
EDGES["edge_dialog_tenant"] = ten0
EDGES["edge_dialog_agent"] = ag0


def edge_dialog(name, sends):
    dlg = hx("dlg_", 12)
    EDGES[name] = dlg
    for ts, channel, created in sends:
        ph(
            "dialog_started",
            ts,
            "runtime",
            {
                "dialog_id": dlg,
                "agent_id": ag0,
                "tenant_id": ten0,
                "channel": channel,
                "$lib": "posthog-node",
            },
            person_id=uuid4(),
            created=created,
        )


edge_dialog(
    "dialog_retry_crosses_into_next_week",
    [
        (datetime(2024, 3, 17, 23, 59, 50), "slack", None),
        (datetime(2024, 3, 18, 0, 0, 10), "slack", None),
    ],
)
edge_dialog(
    "dialog_retry_earlier_previous_week",
    [
        (datetime(2024, 3, 25, 0, 0, 20), "slack", None),
        (datetime(2024, 3, 24, 23, 59, 40), "slack", None),
    ],
)
edge_dialog(
    "dialog_first_send_quarantined",
    [
        (datetime(2024, 3, 31, 23, 0, 0), None, None),
        (datetime(2024, 4, 1, 0, 30, 0), "email", None),
    ],
)
edge_dialog(
    "dialog_future_quarantined",  # timestamp 2 days after created_at, after as_of
    [(AS_OF + 2 * D, "email", AS_OF - D)],
)
edge_dialog("dialog_as_of", [(AS_OF, "email", None)])
edge_dialog("dialog_at_monday_midnight", [(datetime(2024, 4, 8, 0, 0, 0), "email", None)])
edge_dialog("dialog_at_plan_change_instant", [(datetime(2024, 4, 3, 12, 0, 0), "email", None)])
r = seg_common(datetime(2024, 4, 3, 12, 0, 0), None, None)
r.update(
    group_id=ten0,
    name="Edge Co",
    plan="starter",
    industry="retail",
    employees=80,
    user_id=[u for u in users if u["tenant"] == ten0][0]["user_id"],
)
SEG[("segment_web", "groups")].append(r)  # EDGE: plan change at exactly a dialog's start
for ag, ten, ts in EXTRA_DIALOGS:
    dlg = hx("dlg_", 12)
    ph(
        "dialog_started",
        ts,
        "runtime",
        {"dialog_id": dlg, "agent_id": ag, "tenant_id": ten, "channel": "email"},
        person_id=uuid4(),
    )
# EDGE: a plan change of that tenant mid-week (2024-03-20 12:00)
plan0 = [t for t in tenants if t[0] == ten0][0][2]
r = seg_common(datetime(2024, 3, 20, 12, 0, 0), None, None)
r.update(
    group_id=ten0,
    name="Edge Co",
    plan="enterprise" if plan0 != "enterprise" else "free",
    industry="retail",
    employees=77,
    user_id=[u for u in users if u["tenant"] == ten0][0]["user_id"],
)
SEG[("segment_web", "groups")].append(r)
EDGES["plan_change_mid_week"] = ten0

# EDGE: an onboarding event 3 days in the future relative to received_at, after as_of -> quarantined
u0 = users[40]
track(
    "segment_web",
    "onboarding_completed",
    AS_OF + 3 * D,
    u0["user_id"],
    u0["anon"],
    {"duration_minutes": 1.0, "tenant_id": u0["tenant"], "touchpoints": 1},
    recv=AS_OF,
)
EDGES["future_segment_event_quarantined"] = u0["user_id"]
# EDGE: a page without url (quarantined) and a PostHog $pageview without $current_url
r = seg_common(datetime(2024, 3, 5, 10, 0), u0["user_id"], u0["anon"])
r.update(name="broken", path="/app", url=None, referrer=None, title=None)
SEG[("segment_web", "pages")].append(r)
ph("$pageview", datetime(2024, 3, 5, 10, 0), u0["user_id"], {"$pathname": "/app"})
EDGES["page_without_url"] = r["id"]
r = seg_common(datetime(2024, 3, 6, 10, 0), u0["user_id"], u0["anon"])
r.update(name="broken", path="/app", url=None, referrer=None, title=None, context_page_url=None)
SEG[("segment_web", "pages")].append(r)
EDGES["page_without_any_url"] = r["id"]
# QUIRK: unplanned events in tracks (one with its own table, as Segment would create)
for _k in range(30):
    uu = users[R.randint(30, N_USERS - 1)]
    ts = uu["signup"] + R.uniform(0, 48) * H
    if ts < CUTOFF:
        track(
            "segment_web",
            R.choice(["agent_tested", "button_clicked"]),
            ts,
            uu["user_id"],
            uu["anon"],
            {"agent_id": None},
            own_table=False,
        )
for _k in range(10):
    uu = users[R.randint(30, N_USERS - 1)]
    ts = uu["signup"] + R.uniform(0, 48) * H
    if ts < CUTOFF:
        track(
            "segment_web", "agent_tested", ts, uu["user_id"], uu["anon"], {"test_prompt_chars": 120}
        )

# ----------------------------------------------------------------------------------------
# Zendesk (Fivetran-style)
# ----------------------------------------------------------------------------------------
zd_users = {}
zd_seq = [9000]


def zd_user(u, external=True):
    key = (u["user_id"], external)
    if key not in zd_users:
        zd_seq[0] += 1
        zd_users[key] = dict(
            id=zd_seq[0],
            email=f"{u['user_id']}@example.com",
            name=f"ZD {u['i']}",
            external_id=u["user_id"] if external else None,
            created_at=u["signup"] + H,
            updated_at=u["signup"] + 2 * H,
            _fivetran_synced=u["signup"] + 3 * H,
        )
    return zd_users[key]["id"]


never = [u for u in users if u.get("no_signup")][0]
stranger = dict(i=999, user_id="usr_stranger", signup=START)  # Zendesk user, external_id of nobody
real_users = [u for u in users if not u.get("no_signup")]
tickets_rows = []
# email tickets: background, an early burst (not evaluated) and a spike day
email_times = []
for d in range(DAYS):
    for _k in range(R.choice([0, 0, 1, 1, 1, 2])):
        email_times.append(START + d * D + R.uniform(0, 24) * H)
email_times += [datetime(2024, 3, 2, 9) + k * 40 * M for k in range(6)]  # EDGE: early burst
email_times += [datetime(2024, 4, 5, 8) + k * 30 * M for k in range(20)]  # EDGE: spike
email_times += [datetime(2024, 2, 28, 0, 30)]  # pins the first request day
email_times += [
    datetime(2024, 3, 27, 8) + k * 30 * M for k in range(12)
]  # EDGE: spike on first day + 28
EDGES["support_spike_day"] = "2024-04-05"
EDGES["support_spike_on_first_day_plus_28"] = "2024-03-27"
EDGES["support_early_burst_day"] = "2024-03-02"
for ts in email_times:
    if ts >= CUTOFF:
        continue
    cands = [u for u in real_users if u["signup"] < ts]
    uu = R.choice(cands) if cands else stranger
    ZD_TICKETS.append((next_ticket(), ts, dict(uu, zd_no_external=R.random() < 0.25), "email"))
ZD_TICKETS.append(
    (next_ticket(), datetime(2024, 3, 12, 15), never, "email")
)  # EDGE: never signed up
EDGES["support_requester_never_signed_up"] = ZD_TICKETS[-1][0]
ZD_TICKETS.append(
    (next_ticket(), datetime(2024, 3, 13, 15), None, "web")
)  # EDGE: requester unknown
EDGES["support_requester_missing"] = ZD_TICKETS[-1][0]

for tid, created, uu, via in ZD_TICKETS:
    if uu is None:
        req = 777777  # not in zendesk.users
    else:
        req = zd_user(uu, external=not uu.get("zd_no_external", False))
    versions = R.choice([1, 2, 2, 3])  # QUIRK: the ticket appears once per sync, newer updated_at
    upd = created
    for v, status in zip(range(versions), ["new", "open", "solved"], strict=False):
        upd = upd + R.uniform(0.1, 30) * H if v else created
        tickets_rows.append(
            dict(
                id=tid,
                created_at=created,
                updated_at=upd,
                status=status,
                priority=R.choice(["low", "normal", "high"]),
                subject=f"Help with agent (ticket {tid})",
                via_channel=via,
                requester_id=req,
                organization_id=None,
                _fivetran_synced=upd + 20 * M,
                _fivetran_deleted=False,
            )
        )
# EDGE: a ticket re-assigned: first sync has a requester without external_id, the latest sync a
# requester with one (keep the latest row per id -> requester resolvable)
ru = [u for u in real_users if u["i"] == 40][0]
tid = next_ticket()
no_ext = zd_user(dict(users[41], zd_no_external=True), external=False)
with_ext = zd_user(ru, external=True)
for v, (req, status) in enumerate([(no_ext, "new"), (with_ext, "open")]):
    tickets_rows.append(
        dict(
            id=tid,
            created_at=datetime(2024, 3, 21, 9),
            updated_at=datetime(2024, 3, 21, 9) + v * 5 * H,
            status=status,
            priority="normal",
            subject="reassigned",
            via_channel="email",
            requester_id=req,
            organization_id=None,
            _fivetran_synced=datetime(2024, 3, 21, 10) + v * 5 * H,
            _fivetran_deleted=False,
        )
    )
EDGES["support_ticket_requester_reassigned"] = tid
# one more Zendesk user with no tickets and no external_id
zd_seq[0] += 1
zd_users[("x", False)] = dict(
    id=zd_seq[0],
    email="someone@example.org",
    name="Someone",
    external_id=None,
    created_at=START,
    updated_at=START,
    _fivetran_synced=START,
)

# ----------------------------------------------------------------------------------------
# Segment users table (optional; latest traits)
# ----------------------------------------------------------------------------------------
for u in users:
    SEG[("segment_web", "users")].append(
        dict(
            id=u["user_id"],
            received_at=u["signup"] + M,
            uuid_ts=u["signup"] + H,
            email=f"{u['user_id']}@example.com",
            plan=u["plan"],
        )
    )

# ----------------------------------------------------------------------------------------
# Write
# ----------------------------------------------------------------------------------------
TSZ, TS = "TIMESTAMPTZ", "TIMESTAMP"


def common_cols(ts_type, drop=(), recv_type=TS):
    cols = [
        ("id", "VARCHAR"),
        ("anonymous_id", "VARCHAR"),
        ("user_id", "VARCHAR"),
        ("timestamp", ts_type),
        ("original_timestamp", TS),
        ("sent_at", TS),
        ("received_at", recv_type),
        ("uuid_ts", TS),
        ("context_library_name", "VARCHAR"),
        ("context_page_path", "VARCHAR"),
        ("context_page_url", "VARCHAR"),
        ("context_ip", "VARCHAR"),
        ("context_user_agent", "VARCHAR"),
    ]
    return [c for c in cols if c[0] not in drop]


EV = [("event", "VARCHAR"), ("event_text", "VARCHAR")]
PROPS = {
    "signup_completed": [
        ("plan", "VARCHAR"),
        ("source", "VARCHAR"),
        ("workspace_id", "VARCHAR"),
        ("experiment_variant", "VARCHAR"),
    ],  # QUIRK: unknown column
    "onboarding_completed": [
        ("duration_minutes", "DOUBLE"),
        ("tenant_id", "VARCHAR"),
        ("touchpoints", "BIGINT"),
    ],
    "agent_published": [
        ("agent_id", "VARCHAR"),
        ("channel", "VARCHAR"),
        ("llm_model", "VARCHAR"),
        ("knowledge_items", "BIGINT"),
    ],
    "knowledge_uploaded": [
        ("tenant_id", "VARCHAR"),
        ("type", "VARCHAR"),
        ("size_kb", "DOUBLE"),
        ("chunk_count", "BIGINT"),
    ],
    "integration_connected": [
        ("integration", "VARCHAR"),
        ("tenant_id", "VARCHAR"),
        ("status", "VARCHAR"),
    ],
    "support_request_created": [
        ("tenant_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("channel", "VARCHAR"),
    ],
    "agent_tested": [("test_prompt_chars", "BIGINT")],
}
# QUIRK: timestamp types differ per table; some optional columns were never created.
LAYOUT = {
    ("segment_web", "pages"): common_cols(TSZ)
    + [
        ("name", "VARCHAR"),
        ("path", "VARCHAR"),
        ("url", "VARCHAR"),
        ("referrer", "VARCHAR"),
        ("title", "VARCHAR"),
        ("context_locale", "VARCHAR"),
    ],
    ("segment_web", "tracks"): common_cols(TS) + EV,
    ("segment_web", "identifies"): common_cols(TSZ, drop=("context_page_url",))
    + [
        ("email", "VARCHAR"),
        ("name", "VARCHAR"),
        ("plan", "VARCHAR"),
        ("company_size", "VARCHAR"),
        ("industry", "VARCHAR"),
    ],
    ("segment_web", "groups"): common_cols(TS, drop=("context_page_url", "context_page_path"))
    + [
        ("group_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("plan", "VARCHAR"),
        ("industry", "VARCHAR"),
        ("employees", "BIGINT"),
    ],
    ("segment_web", "users"): [
        ("id", "VARCHAR"),
        ("received_at", TS),
        ("uuid_ts", TS),
        ("email", "VARCHAR"),
        ("plan", "VARCHAR"),
    ],
    ("segment_web", "signup_completed"): common_cols(TSZ) + EV + PROPS["signup_completed"],
    ("segment_web", "onboarding_completed"): common_cols(TS) + EV + PROPS["onboarding_completed"],
    ("segment_web", "agent_published"): common_cols(TSZ) + EV + PROPS["agent_published"],
    ("segment_web", "knowledge_uploaded"): common_cols(TS) + EV + PROPS["knowledge_uploaded"],
    ("segment_web", "integration_connected"): common_cols(TSZ)
    + EV
    + PROPS["integration_connected"],
    ("segment_web", "agent_tested"): common_cols(TS) + EV + PROPS["agent_tested"],
    # backend: server calls never carry anonymous_id or page context, so those columns don't exist
    ("segment_backend", "tracks"): common_cols(
        TSZ, drop=("anonymous_id", "context_page_path", "context_page_url", "context_user_agent")
    )
    + EV,
    ("segment_backend", "support_request_created"): common_cols(
        TSZ,
        drop=("anonymous_id", "context_page_path", "context_page_url", "context_user_agent"),
        recv_type=TSZ,
    )
    + EV
    + PROPS["support_request_created"],
}


def write(con, schema, table, cols, rows):
    names = [c for c, _ in cols]
    df = pd.DataFrame([{c: r.get(c) for c in names} for r in rows], columns=names, dtype=object)
    con.register("df_in", df)
    sel = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in cols)
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    con.execute(f'CREATE TABLE {schema}."{table}" AS SELECT {sel} FROM df_in')
    con.unregister("df_in")


def main(out: Path) -> None:
    out.unlink(missing_ok=True)
    con = duckdb.connect(str(out))
    con.execute("SET TimeZone='UTC'")
    for (schema, table), rows in SEG.items():
        write(con, schema, table, LAYOUT[(schema, table)], rows)
    write(
        con,
        "posthog",
        "events",
        [
            ("uuid", "VARCHAR"),
            ("event", "VARCHAR"),
            ("distinct_id", "VARCHAR"),
            ("person_id", "VARCHAR"),
            ("properties", "VARCHAR"),
            ("person_properties", "VARCHAR"),
            ("elements_chain", "VARCHAR"),
            ("timestamp", TS),
            ("created_at", TS),
            ("_inserted_at", TS),
            ("site_url", "VARCHAR"),
        ],
        PH,
    )
    write(
        con,
        "posthog",
        "persons",
        [
            ("team_id", "INTEGER"),
            ("distinct_id", "VARCHAR"),
            ("person_id", "VARCHAR"),
            ("properties", "VARCHAR"),
            ("person_distinct_id_version", "BIGINT"),
            ("person_version", "BIGINT"),
            ("created_at", TS),
            ("_inserted_at", TS),
            ("is_deleted", "BOOLEAN"),
        ],
        PERSONS,
    )
    write(
        con,
        "zendesk",
        "tickets",
        [
            ("id", "BIGINT"),
            ("created_at", TS),
            ("updated_at", TS),
            ("status", "VARCHAR"),
            ("priority", "VARCHAR"),
            ("subject", "VARCHAR"),
            ("via_channel", "VARCHAR"),
            ("requester_id", "BIGINT"),
            ("organization_id", "BIGINT"),
            ("_fivetran_synced", TS),
            ("_fivetran_deleted", "BOOLEAN"),
        ],
        tickets_rows,
    )
    write(
        con,
        "zendesk",
        "users",
        [
            ("id", "BIGINT"),
            ("email", "VARCHAR"),
            ("name", "VARCHAR"),
            ("external_id", "VARCHAR"),
            ("created_at", TS),
            ("updated_at", TS),
            ("_fivetran_synced", TS),
        ],
        list(zd_users.values()),
    )
    write(
        con,
        "vercel",
        "analytics_events",
        [
            ("event_type", "VARCHAR"),
            ("timestamp", "BIGINT"),
            ("project_id", "VARCHAR"),
            ("path", "VARCHAR"),
            ("route", "VARCHAR"),
            ("referrer", "VARCHAR"),
            ("session_id", "VARCHAR"),
            ("device_id", "VARCHAR"),
            ("origin", "VARCHAR"),
            ("country", "VARCHAR"),
            ("device_type", "VARCHAR"),
            ("received_at", TS),
        ],
        VERCEL,
    )
    for (
        s,
        t,
        _n,
    ) in con.execute("""select schema_name, table_name, estimated_size from duckdb_tables()
                                  order by 1, 2""").fetchall():
        q = f'select count(*) from {s}."{t}"'
        print(f"{s}.{t}: {con.execute(q).fetchone()[0]}")
    con.close()
    (out.parent / "edge_cases.json").write_text(json.dumps(EDGES, indent=1, default=str))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: independent_raw.py OUT.duckdb")
    main(Path(sys.argv[1]))
