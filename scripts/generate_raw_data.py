#!/usr/bin/env python3
"""Generate the project's raw sample data: every table of the raw data contract.

The data tells one coherent product story (visitors browse, sign up, onboard, publish AI agents
whose dialogs then run for weeks; tenants churn; support requests come in) and carries the mess
of real loaders on documented, overridable rates (see docs/sample_data.md).

Everything is vectorised: numpy arrays -> pyarrow tables -> DuckDB (or Parquet). The same seed
and arguments always produce the same tables, row for row.

Usage (from the repository root):
    .venv/bin/python scripts/generate_raw_data.py --if-missing
    .venv/bin/python scripts/generate_raw_data.py --replace --target-events 1000000
    .venv/bin/python scripts/generate_raw_data.py --format parquet --out-dir build/raw
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import queue
import shutil
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import NamedTuple

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
U64 = npt.NDArray[np.uint64]
Bools = npt.NDArray[np.bool_]
Frame = dict[str, np.ndarray]

REPO_ROOT = Path(__file__).resolve().parents[1]
SECOND = 1_000_000  # all times are int64 microseconds since the Unix epoch, UTC
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
NEVER = np.iinfo(np.int64).max // 4  # "never happens"; survives adding a few years
DEFAULT_END_DATE = dt.date(2026, 11, 16)  # data ends a few days before 2026-11-20
EXPORT_LAG = 3 * DAY  # the raw tables are a snapshot taken this long after the last event
PILOT_USERS = 500  # size of the pilot run that calibrates --target-events
DUCKDB_BATCH_ROWS = 122_880  # one DuckDB row group: lets DuckDB scan an Arrow table in parallel
PART_ROWS = 1_000_000  # big tables are built and written in parts (memory, 2 GiB strings)
SINK_MEMORY_LIMIT = os.environ.get("GENERATOR_DUCKDB_MEMORY_LIMIT", "4GB")
CHUNK_USERS = 10_000  # users (with their tenants' events) generated at once: ~2.6M rows, ~2 GiB

# ---------------------------------------------------------------------------------------------
# The product story (fixed; documented in docs/sample_data.md)
# ---------------------------------------------------------------------------------------------
PLANS = ("free", "starter", "pro", "enterprise")
PLAN_WEIGHTS = (0.50, 0.27, 0.16, 0.07)
SOURCES = ("organic", "paid_search", "referral", "partner", "social")
SOURCE_WEIGHTS = (0.38, 0.22, 0.18, 0.10, 0.12)
COMPANY_SIZES = ("1-10", "11-50", "51-200", "201-1000", "1000+")
COMPANY_SIZE_WEIGHTS = (0.35, 0.30, 0.18, 0.11, 0.06)
EMPLOYEE_RANGES = ((1, 10), (11, 50), (51, 200), (201, 1000), (1001, 8000))
INDUSTRIES = ("retail", "saas", "finance", "healthcare", "education", "logistics")
AGENT_CHANNELS = ("web_widget", "whatsapp", "telegram", "email", "voice")
AGENT_CHANNEL_WEIGHTS = (0.42, 0.25, 0.12, 0.13, 0.08)
LLM_MODELS = ("gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "llama-3-70b")
LLM_MODEL_WEIGHTS = (0.35, 0.30, 0.25, 0.10)
KNOWLEDGE_TYPES = ("pdf", "docx", "url", "faq", "csv")
INTEGRATIONS = ("slack", "hubspot", "salesforce", "zendesk", "shopify", "google_drive", "notion")
INTEGRATION_STATUSES = ("connected", "failed")
SUPPORT_CHANNELS = ("in_app", "email", "chat")
TICKET_STATUSES = ("new", "open", "pending", "solved", "closed")
TICKET_PRIORITIES = ("low", "normal", "high", "urgent")
TICKET_SUBJECTS = (
    "Agent does not answer on WhatsApp",
    "How do I connect my Shopify store?",
    "Knowledge upload stuck at processing",
    "Question about my invoice",
    "Voice agent sounds robotic",
    "Cannot invite a teammate",
    "Please call me back at +1 415 555 0134",
)
CAMPAIGNS = ("spring_launch", "retargeting_q4", "webinar_agents")
FIRST_NAMES = (
    "Ana", "Ben", "Chloe", "David", "Elif", "Farah", "Goran", "Hana", "Ivan", "Julia",
    "Kofi", "Lena", "Marco", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara",
)  # fmt: skip
LAST_NAMES = (
    "Adams", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Horvat", "Ito", "Jensen",
    "Kowalski", "Lopez", "Meyer", "Nakamura", "Okafor", "Petrov", "Rossi", "Silva", "Tan", "Weber",
)  # fmt: skip
COMPANY_ADJECTIVES = ("Bright", "Blue", "Swift", "North", "Green", "Silver", "Bold", "Clear")
COMPANY_NOUNS = ("Harbor", "Labs", "Retail", "Health", "Freight", "Learning", "Capital", "Works")
USER_AGENTS = (
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
     "desktop"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1",
     "desktop"),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0", "desktop"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
     "mobile"),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537",
     "mobile"),
    ("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "tablet"),
)  # fmt: skip
USER_AGENT_WEIGHTS = (0.38, 0.22, 0.06, 0.18, 0.12, 0.04)
COUNTRIES = ("US", "GB", "DE", "FR", "IN", "BR", "ES", "NL", "CA", "AU")
COUNTRY_WEIGHTS = (0.30, 0.12, 0.11, 0.07, 0.10, 0.08, 0.06, 0.05, 0.06, 0.05)
MARKETING_ORIGIN = "https://www.acme-agents.example"
APP_ORIGIN = "https://app.acme-agents.example"
VERCEL_PROJECTS = ("prj_7Qm2xLrT9aWebsite", "prj_4Kd8pZsV1bApp")
EXTERNAL_REFERRERS = (
    "https://www.google.com/",
    "https://www.linkedin.com/",
    "https://news.ycombinator.com/",
    "https://t.co/",
    "https://partners.example.org/agents",
)
EXTERNAL_REFERRER_WEIGHTS = (0.40, 0.15, 0.05, 0.05, 0.05)  # the rest (0.30): direct, no referrer
# (path, route, title, page name or None); the app pages are the second block
MARKETING_PAGES = (
    ("/", "/", "Acme Agents - AI agents for your business", "Home"),
    ("/pricing", "/pricing", "Pricing - Acme Agents", "Pricing"),
    ("/features", "/features", "Features - Acme Agents", "Features"),
    ("/customers", "/customers", "Customers - Acme Agents", "Customers"),
    ("/blog", "/blog", "Blog - Acme Agents", "Blog"),
    ("/blog/ai-agents-for-customer-support", "/blog/[slug]", "AI agents for support", None),
    ("/blog/whatsapp-bots-that-sell", "/blog/[slug]", "WhatsApp bots that sell", None),
    ("/docs/getting-started", "/docs/[...slug]", "Getting started - Docs", None),
    ("/docs/channels/whatsapp", "/docs/[...slug]", "WhatsApp channel - Docs", None),
    ("/signup", "/signup", "Sign up - Acme Agents", "Signup"),
    ("/login", "/login", "Log in - Acme Agents", "Login"),
)
APP_PAGES = (
    ("/app", "/app", "Dashboard", "Dashboard"),
    ("/app/agents", "/app/agents", "Agents", "Agents"),
    ("/app/agents/new", "/app/agents/new", "New agent", "New Agent"),
    ("/app/knowledge", "/app/knowledge", "Knowledge", "Knowledge"),
    ("/app/integrations", "/app/integrations", "Integrations", "Integrations"),
    ("/app/dialogs", "/app/dialogs", "Dialogs", "Dialogs"),
    ("/app/analytics", "/app/analytics", "Analytics", "Analytics"),
    ("/app/settings", "/app/settings", "Settings", "Settings"),
    ("/app/billing", "/app/billing", "Billing", "Billing"),
    ("/app/onboarding", "/app/onboarding", "Onboarding", "Onboarding"),
)
PAGES = MARKETING_PAGES + APP_PAGES
N_MARKETING = len(MARKETING_PAGES)
PAGE_INDEX = {page[0]: i for i, page in enumerate(PAGES)}
MARKETING_PAGE_WEIGHTS = (0.22, 0.14, 0.10, 0.05, 0.06, 0.07, 0.06, 0.08, 0.05, 0.09, 0.08)
APP_PAGE_WEIGHTS = (0.22, 0.18, 0.05, 0.10, 0.07, 0.14, 0.10, 0.06, 0.03, 0.05)

# Tracking plan: Segment slug -> (Segment event_text, page it fires on, properties).
# A property is (column name, kind); the kind says how the value is typed and rendered.
EVENT_TEXT = {
    "signup_completed": "Signup Completed",
    "onboarding_completed": "Onboarding Completed",
    "agent_published": "Agent Published",
    "knowledge_uploaded": "Knowledge Uploaded",
    "integration_connected": "Integration Connected",
    "support_request_created": "Support Request Created",
}
EVENT_PAGE = {
    "signup_completed": "/signup",
    "onboarding_completed": "/app/onboarding",
    "agent_published": "/app/agents/new",
    "knowledge_uploaded": "/app/knowledge",
    "integration_connected": "/app/integrations",
}
EVENT_PROPERTIES: dict[str, tuple[tuple[str, str], ...]] = {
    "signup_completed": (("plan", "plan"), ("source", "source"), ("workspace_id", "tenant")),
    "onboarding_completed": (
        ("duration_minutes", "int"),
        ("tenant_id", "tenant"),
        ("touchpoints", "int"),
    ),
    "agent_published": (
        ("agent_id", "agent"),
        ("channel", "agent_channel"),
        ("llm_model", "llm_model"),
        ("knowledge_items", "int"),
    ),
    "knowledge_uploaded": (
        ("tenant_id", "tenant"),
        ("type", "knowledge_type"),
        ("size_kb", "float"),
        ("chunk_count", "int"),
    ),
    "integration_connected": (
        ("integration", "integration"),
        ("tenant_id", "tenant"),
        ("status", "integration_status"),
    ),
    "support_request_created": (
        ("tenant_id", "tenant"),
        ("ticket_id", "ticket"),
        ("channel", "support_channel"),
    ),
}
UNPLANNED_EVENTS = (  # (slug, Segment event_text or None when only PostHog sees it)
    ("button_clicked", "Button Clicked"),
    ("settings_opened", "Settings Opened"),
    ("docs_searched", "Docs Searched"),
    ("agent_preview_opened", "Agent Preview Opened"),
    ("$autocapture", None),
)
UNPLANNED_WEIGHTS = (0.30, 0.15, 0.10, 0.15, 0.30)
AUTOCAPTURE_ELEMENTS = 'button.btn.btn-primary:nth-child="1"nth-of-type="1"text="Save"'
CATALOGUES: dict[str, tuple[str, ...]] = {
    "plan": PLANS,
    "source": SOURCES,
    "agent_channel": AGENT_CHANNELS,
    "llm_model": LLM_MODELS,
    "knowledge_type": KNOWLEDGE_TYPES,
    "integration": INTEGRATIONS,
    "integration_status": INTEGRATION_STATUSES,
    "support_channel": SUPPORT_CHANNELS,
}

VISITORS_PER_USER = 1.5  # anonymous visitors who never sign up, per signed-up user
INVITED_SHARE = 0.15  # signups that join an existing tenant (invited teammates)
PLAN_CHANGE_SHARE = 0.20  # tenants whose plan changes once, 3-60 days after signup
ONBOARDING_SPLIT = (0.50, 0.10, 0.15, 0.25)  # <166 h, 166-170 h, 7-30 days, never
AGENT_PUBLISH_PROBABILITY = (0.68, 0.22)  # users who onboard (ever), users who never do
EARLY_CHURN_SHARE = 0.15  # tenants that stop within days of their first agent
TENANT_LIFETIME_DAYS = 40.0  # mean tenant lifetime after the first agent (exponential)
DIALOGS_PER_AGENT_DAY = 5.0  # median initial dialog rate of an agent (lognormal across agents)
DIALOG_DECAY_DAYS = 50.0  # an agent's dialog rate decays with this time constant
SESSIONS_PER_USER_DAY = 0.6  # mean initial logged-in sessions per user and day
SESSION_DECAY_DAYS = 20.0
SUPPORT_REQUESTS_PER_TENANT_DAY = 0.035
NEVER_COMPLETE_PROFILE_SHARE = 0.05  # users whose company_size / industry are never sent
TRAIT_CHANGE_SHARE = 0.10  # users with a later identify that changes company_size
BACKEND_IDENTIFY_SHARE = 0.5  # signups that the backend also identifies (email, plan)
VERCEL_CUSTOM_EVENT_SHARE = 0.3  # product events that also go to Vercel as `event` rows
TEAM_ID = 21_417  # PostHog project


@dataclass(frozen=True)
class MessRates:
    """Rates of the loader and tracking mess; each is a CLI flag (--segment-duplicate-rate …)."""

    segment_duplicate_rate: float = field(
        default=0.02, metadata={"help": "Segment messages delivered twice (same id)"}
    )
    posthog_duplicate_rate: float = field(
        default=0.02, metadata={"help": "PostHog events exported twice (same uuid)"}
    )
    zendesk_resync_rate: float = field(
        default=0.15, metadata={"help": "Zendesk tickets synced again with a newer updated_at"}
    )
    vercel_duplicate_rate: float = field(
        default=0.01, metadata={"help": "Vercel drain rows delivered twice, identical"}
    )
    late_rate: float = field(
        default=0.03, metadata={"help": "rows loaded 1-10 days after the event (every source)"}
    )
    clock_skew_rate: float = field(
        default=0.01, metadata={"help": "Segment rows whose client clock is hours or years off"}
    )
    missing_property_rate: float = field(
        default=0.005, metadata={"help": "product events with one required property null"}
    )
    future_timestamp_rate: float = field(
        default=0.003, metadata={"help": "events whose timestamp is >1 day after their load time"}
    )
    segment_loss_rate: float = field(
        default=0.05, metadata={"help": "browser events that only PostHog receives"}
    )
    posthog_loss_rate: float = field(
        default=0.03, metadata={"help": "browser events that only Segment receives"}
    )
    vercel_loss_rate: float = field(
        default=0.01, metadata={"help": "page views that Vercel does not receive"}
    )
    posthog_outage_days: int = field(
        default=1, metadata={"help": "days on which PostHog loses --posthog-outage-loss"}
    )
    posthog_outage_loss: float = field(
        default=0.5, metadata={"help": "share of browser events PostHog loses on an outage day"}
    )
    adblock_spike_days: int = field(
        default=1, metadata={"help": "days on which an ad-blocker update hides PostHog"}
    )
    adblock_spike_loss: float = field(
        default=0.25, metadata={"help": "share of browser events PostHog loses on such a day"}
    )
    anonymous_only_rate: float = field(
        default=0.03, metadata={"help": "Segment product events without user_id"}
    )
    unplanned_per_session: float = field(
        default=0.5, metadata={"help": "mean unplanned events per logged-in session"}
    )
    merge_rate: float = field(
        default=0.10, metadata={"help": "users with a second device (PostHog person merge)"}
    )
    deletion_rate: float = field(
        default=0.01, metadata={"help": "PostHog persons deleted (users and visitors)"}
    )
    dialog_retry_rate: float = field(
        default=0.03, metadata={"help": "dialogs whose dialog_started is sent 2-3 times"}
    )
    duplicate_signup_rate: float = field(
        default=0.01, metadata={"help": "users whose signup_completed fires a second time"}
    )
    first_identify_missing_traits_rate: float = field(
        default=0.6,
        metadata={"help": "first identifies without company_size (and, separately, industry)"},
    )
    campaign_rate: float = field(
        default=0.05, metadata={"help": "web rows with context_campaign_name (second half only)"}
    )
    support_both_share: float = field(
        default=0.70, metadata={"help": "support requests seen as event and Zendesk ticket"}
    )
    support_zendesk_only_share: float = field(
        default=0.15, metadata={"help": "support requests seen only in Zendesk (rest: event only)"}
    )
    zendesk_null_external_id_rate: float = field(
        default=0.10, metadata={"help": "Zendesk users without external_id"}
    )
    support_spike_days: int = field(
        default=2, metadata={"help": "days with a burst of support requests (an incident)"}
    )


@dataclass(frozen=True)
class GeneratorConfig:
    """What to generate. Same config, same tables."""

    seed: int = 42
    users: int = 1000
    days: int = 120
    start_date: dt.date | None = None  # default: DEFAULT_END_DATE - days
    segment_timestamptz: bool = False
    zendesk_timestamptz: bool = True
    rates: MessRates = field(default_factory=MessRates)

    @property
    def start(self) -> dt.date:
        return self.start_date or DEFAULT_END_DATE - dt.timedelta(days=self.days)


@dataclass(frozen=True)
class Schemas:
    """Warehouse schema of each source (the dbt vars segment_schemas, posthog_schema, ...)."""

    segment_web: str = "segment_web"
    segment_backend: str = "segment_backend"
    posthog: str = "posthog"
    zendesk: str = "zendesk"
    vercel: str = "vercel"

    def names(self) -> tuple[str, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))


class RawTable(NamedTuple):
    """A raw table, or one part of it: the same table can come in several parts (appended)."""

    source: str  # a field name of Schemas
    name: str
    data: pa.Table


# ---------------------------------------------------------------------------------------------
# Vectorised helpers
# ---------------------------------------------------------------------------------------------
def rng_for(seed: int, stream: str) -> np.random.Generator:
    """An independent random stream per part, so that one part can change without moving others."""
    return np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(zlib.crc32(stream.encode()),))
    )


def mix64(keys: np.ndarray) -> U64:
    """splitmix64 finaliser: a bijection on uint64, so distinct keys give distinct ids."""
    z = keys.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniform_us(
    rng: np.random.Generator, low: np.ndarray | float, high: np.ndarray | float, n: int
) -> I64:
    return (low + rng.random(n) * (np.asarray(high) - np.asarray(low))).astype(np.int64)


def weekday(us: I64) -> I64:
    """0 = Monday (1970-01-01 was a Thursday)."""
    return (us // DAY + 3) % 7


def intraday(rng: np.random.Generator, n: int) -> I64:
    """Time of day, busiest in the European and American afternoon."""
    return ((rng.normal(14.0, 4.0, n) % 24.0) * HOUR).astype(np.int64)


def grouped_rank(counts: I64) -> I64:
    """For np.repeat(groups, counts): the position of each row inside its group."""
    starts = np.cumsum(counts) - counts
    return np.arange(int(counts.sum())) - np.repeat(starts, counts)


def truncated_exponential(rng: np.random.Generator, scale: float, upper: F64) -> F64:
    """Samples of an exponential(scale) conditioned on being below `upper` (one per row)."""
    return -scale * np.log1p(rng.random(len(upper)) * np.expm1(-upper / scale))


def choice(rng: np.random.Generator, weights: Sequence[float], n: int) -> I64:
    p = np.asarray(weights, dtype=np.float64)
    return rng.choice(len(p), size=n, p=p / p.sum()).astype(np.int64)


def take_frame(frame: Frame, rows: np.ndarray) -> Frame:
    return {name: values[rows] for name, values in frame.items()}


def concat_frames(frames: Sequence[Frame]) -> Frame:
    return {name: np.concatenate([f[name] for f in frames]) for name in frames[0]}


def frame_len(frame: Frame) -> int:
    return len(frame["ts"])


def frame_parts(frame: Frame, size: int = PART_ROWS) -> Iterator[Frame]:
    """Consecutive slices of at most `size` rows (at least one, possibly empty)."""
    for start in range(0, max(frame_len(frame), 1), size):
        yield {name: values[start : start + size] for name, values in frame.items()}


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def _hex_chars(keys: U64) -> npt.NDArray[np.uint8]:
    octets = keys.astype(">u8").view(np.uint8).reshape(-1, 8)
    chars = np.empty((len(keys), 16), dtype=np.uint8)
    chars[:, 0::2] = _HEX[octets >> 4]
    chars[:, 1::2] = _HEX[octets & 15]
    return chars


def _fixed_width_strings(chars: npt.NDArray[np.uint8], valid: Bools | None = None) -> pa.Array:
    """A string array from a (rows, width) byte matrix without any per-row Python work."""
    n, width = chars.shape
    if n * width >= 2**31:
        raise ValueError("string column above 2 GiB: generate fewer rows")
    offsets = np.arange(n + 1, dtype=np.int32) * np.int32(width)
    validity = None
    if valid is not None and not valid.all():
        validity = pa.py_buffer(np.packbits(valid, bitorder="little"))
    buffers = [validity, pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(chars).ravel())]
    return pa.Array.from_buffers(pa.string(), n, buffers)


def prefixed_ids(prefix: str, index: I64, salt: int, suffix: str = "") -> pa.Array:
    """`usr_3f9a…`-style ids, one per entity index (null where index < 0), unique per prefix."""
    valid = index >= 0
    keys = mix64(np.where(valid, index, 0).astype(np.uint64) ^ np.uint64(salt))
    head = np.frombuffer(prefix.encode(), dtype=np.uint8)
    tail = np.frombuffer(suffix.encode(), dtype=np.uint8)
    chars = np.empty((len(index), len(head) + 16 + len(tail)), dtype=np.uint8)
    chars[:, : len(head)] = head
    chars[:, len(head) : len(head) + 16] = _hex_chars(keys)
    chars[:, len(head) + 16 :] = tail
    return _fixed_width_strings(chars, valid)


def uuid_strings(high: U64, low: U64, valid: Bools | None = None) -> pa.Array:
    """Version-4-looking UUID text from two 64-bit words per row."""
    hexes = np.concatenate([_hex_chars(high), _hex_chars(low)], axis=1)
    chars = np.full((len(high), 36), ord("-"), dtype=np.uint8)
    for out_start, in_start, width in (
        (0, 0, 8),
        (9, 8, 4),
        (14, 12, 4),
        (19, 16, 4),
        (24, 20, 12),
    ):
        chars[:, out_start : out_start + width] = hexes[:, in_start : in_start + width]
    chars[:, 14] = ord("4")
    chars[:, 19] = _HEX[8 + (low & np.uint64(3)).astype(np.int64)]
    return _fixed_width_strings(chars, valid)


def keyed_uuids(keys: I64, salt: int, valid: Bools | None = None) -> pa.Array:
    unsigned = keys.astype(np.uint64)
    return uuid_strings(
        mix64(unsigned ^ np.uint64(salt)), mix64(unsigned ^ np.uint64(salt ^ 0x5BD1E995)), valid
    )


def random_words(rng: np.random.Generator, n: int) -> tuple[U64, U64]:
    top = np.iinfo(np.uint64).max
    return (
        rng.integers(0, top, size=n, dtype=np.uint64, endpoint=True),
        rng.integers(0, top, size=n, dtype=np.uint64, endpoint=True),
    )


def take(values: pa.Array, index: np.ndarray) -> pa.Array:
    """values[index], null where index < 0."""
    index = np.asarray(index, dtype=np.int64)
    missing = index < 0
    if not missing.any():
        return values.take(index)
    if len(values) == 0:
        return pa.nulls(len(index), values.type)
    return values.take(pa.array(np.where(missing, 0, index), mask=missing))


def int_column(values: F64) -> pa.Array:
    missing = np.isnan(values)
    ints = np.where(missing, 0, values).astype(np.int64)
    return pa.array(ints, type=pa.int64(), mask=missing if missing.any() else None)


def float_column(values: F64) -> pa.Array:
    missing = np.isnan(values)
    return pa.array(values, type=pa.float64(), mask=missing if missing.any() else None)


def timestamp_column(us: I64, tz: bool) -> pa.Array:
    return pa.array(us, type=pa.timestamp("us", tz="UTC" if tz else None))


def constant(value: str | None, n: int) -> pa.Array:
    return pa.nulls(n, pa.string()) if value is None else pa.repeat(pa.scalar(value), n)


def json_string(values: pa.Array) -> pa.Array:
    """A JSON string literal per row (null stays null); our texts need no escaping."""
    return pc.binary_join_element_wise('"', values, '"', "")


def json_number(values: pa.Array) -> pa.Array:
    return pc.cast(values, pa.string())


JsonItem = tuple[str, "str | pa.Array", bool]  # key, JSON text (literal or per row), omit if null


Part = str | pa.Array  # a piece of text: the same for every row, or one per row


def json_members(items: Sequence[JsonItem], *, leading_comma: bool) -> list[Part]:
    """`"key":value` pieces. A null value is written as null, or omitted when flagged so."""
    parts: list[Part] = []
    for position, (key, value, omit_if_null) in enumerate(items):
        prefix = ("," if leading_comma or position else "") + json.dumps(key) + ":"
        if isinstance(value, str):
            parts.append(prefix + value)
        elif omit_if_null:
            if not (leading_comma or position):
                raise ValueError("the first member of a JSON object cannot be optional")
            parts.append(pc.fill_null(pc.binary_join_element_wise(prefix, value, ""), ""))
        else:
            parts.extend([prefix, pc.fill_null(value, "null")])
    return parts


def concat_parts(parts: Sequence[Part], n: int) -> pa.Array:
    """Row-wise concatenation, with as few pieces as possible (Arrow's join is per piece)."""
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    if all(isinstance(part, str) for part in merged):
        return constant("".join(str(part) for part in merged), n)
    return pc.binary_join_element_wise(*merged, "")


def json_object(items: Sequence[JsonItem], n: int) -> pa.Array:
    """One JSON object per row."""
    return concat_parts(["{", *json_members(items, leading_comma=False), "}"], n)


def string_array(values: Sequence[str | None]) -> pa.Array:
    return pa.array(list(values), type=pa.string())


# ---------------------------------------------------------------------------------------------
# The world: users, tenants, devices, agents (one row per entity, numbers only)
# ---------------------------------------------------------------------------------------------
class World:
    """Entities and their timelines. Users are numbered in signup order."""

    def __init__(self, cfg: GeneratorConfig) -> None:
        self.cfg = cfg
        self.rates = cfg.rates
        self.start = int((np.datetime64(cfg.start, "us") - np.datetime64(0, "us")).astype(np.int64))
        self.end = self.start + cfg.days * DAY
        self.exported_at = self.end + EXPORT_LAG  # rows loaded later are not in the snapshot
        self.salt = int(self.rng("salt").integers(1, 2**62))
        self._users()
        self._tenants()
        self._devices()
        self._onboarding()
        self._agents()
        self._tenant_lifetimes()
        self._posthog_bad_days()
        self._strings()

    def rng(self, stream: str) -> np.random.Generator:
        return rng_for(self.cfg.seed, stream)

    def salt_for(self, name: str) -> int:
        return (self.salt ^ zlib.crc32(name.encode()) * 0x9E3779B1) & (2**63 - 1)

    def _users(self) -> None:
        rng, n, days = self.rng("users"), self.cfg.users, self.cfg.days
        day = np.arange(days)
        growth = 1.0 + day / max(days, 1)
        weekend = weekday(self.start + day * DAY) >= 5
        signup_day = choice(rng, growth * np.where(weekend, 0.6, 1.0), n)
        self.signup: I64 = np.sort(self.start + signup_day * DAY + intraday(rng, n))
        self.plan: I64 = choice(rng, PLAN_WEIGHTS, n)
        self.source: I64 = choice(rng, SOURCE_WEIGHTS, n)
        self.company_size: I64 = choice(rng, COMPANY_SIZE_WEIGHTS, n)
        self.industry: I64 = rng.integers(0, len(INDUSTRIES), n)
        self.first_name: I64 = rng.integers(0, len(FIRST_NAMES), n)
        self.last_name: I64 = rng.integers(0, len(LAST_NAMES), n)
        invited = rng.random(n) < INVITED_SHARE
        invited[:1] = False
        self.is_owner: Bools = ~invited
        self.owners: I64 = np.flatnonzero(self.is_owner)
        owners_so_far = np.cumsum(self.is_owner)
        self.tenant: I64 = np.empty(n, dtype=np.int64)
        self.tenant[self.owners] = np.arange(len(self.owners))
        self.tenant[invited] = (rng.random(int(invited.sum())) * owners_so_far[invited]).astype(
            np.int64
        )
        owner_of = self.owners[self.tenant]  # teammates share their company's profile
        self.company_size = self.company_size[owner_of]
        self.industry = self.industry[owner_of]

    def _tenants(self) -> None:
        rng, n_tenants = self.rng("tenants"), len(self.owners)
        self.tenant_created: I64 = self.signup[self.owners]
        self.tenant_plan0: I64 = self.plan[self.owners]
        # a plan changes 3 to 60 days after signup, if the period lasts that long
        latest = np.minimum(60 * DAY, self.end - self.tenant_created - HOUR)
        changes = (rng.random(n_tenants) < PLAN_CHANGE_SHARE) & (latest > 3 * DAY)
        change_at = self.tenant_created + uniform_us(rng, 3 * DAY, latest, n_tenants)
        self.tenant_change_at: I64 = np.where(changes, change_at, NEVER)
        upgrade = rng.random(n_tenants) < 0.7
        step = 1 + rng.integers(0, 2, n_tenants)
        plan1 = np.where(upgrade, self.tenant_plan0 + step, self.tenant_plan0 - step).clip(0, 3)
        same = plan1 == self.tenant_plan0
        self.tenant_plan1: I64 = np.where(
            same, np.where(self.tenant_plan0 == 3, 2, plan1 + 1), plan1
        )
        invited = ~self.is_owner
        self.plan[invited] = self.tenant_plan_at(self.tenant[invited], self.signup[invited])
        self.tenant_name_words: I64 = rng.integers(
            0, len(COMPANY_ADJECTIVES) * len(COMPANY_NOUNS), n_tenants
        )
        size = self.company_size[self.owners]
        low = np.array([r[0] for r in EMPLOYEE_RANGES])[size]
        high = np.array([r[1] for r in EMPLOYEE_RANGES])[size]
        self.tenant_employees: I64 = low + (rng.random(n_tenants) * (high - low + 1)).astype(
            np.int64
        )

    def tenant_plan_at(self, tenant: I64, at: I64) -> I64:
        changed = at >= self.tenant_change_at[tenant]
        return np.where(changed, self.tenant_plan1[tenant], self.tenant_plan0[tenant])

    def _devices(self) -> None:
        """Device (browser) = anonymous id. Indexes: users' first devices (= user index), second
        devices of merged users, then visitors. A PostHog person has the index of the device that
        created it: person u is user u's person."""
        rng, n = self.rng("devices"), self.cfg.users
        remaining = self.end - self.signup
        merged = (remaining > 3 * DAY) & (rng.random(n) < self.rates.merge_rate)
        self.merged_users: I64 = np.flatnonzero(merged)
        n_merged = len(self.merged_users)
        self.second_device: I64 = np.full(n, -1, dtype=np.int64)
        self.second_device[self.merged_users] = n + np.arange(n_merged)
        upper = np.minimum(30 * DAY, remaining[self.merged_users] - 2 * DAY)
        self.second_login: I64 = np.full(n, NEVER, dtype=np.int64)
        self.second_login[self.merged_users] = self.signup[self.merged_users] + uniform_us(
            rng, DAY, upper, n_merged
        )
        self.n_visitors = int(round(VISITORS_PER_USER * n))
        self.n_devices = n + n_merged + self.n_visitors
        self.device_user_agent: I64 = choice(rng, USER_AGENT_WEIGHTS, self.n_devices)
        self.device_country: I64 = choice(rng, COUNTRY_WEIGHTS, self.n_devices)
        self.device_ip_octets: I64 = rng.integers(1, 255, (self.n_devices, 4))

    def _onboarding(self) -> None:
        rng, n = self.rng("onboarding"), self.cfg.users
        group = choice(rng, ONBOARDING_SPLIT, n)
        fast = np.clip(rng.lognormal(np.log(8.0), 1.2, n), 0.05, 165.0)
        edge = rng.uniform(166.0, 170.0, n)  # the 168 h boundary of the activation metric
        late = rng.uniform(7.2 * 24, 30 * 24, n)
        hours = np.select([group == 0, group == 1], [fast, edge], late)
        self.onboarded_ever: Bools = group != 3
        self.onboarding_at: I64 = np.where(
            self.onboarded_ever, self.signup + (hours * HOUR).astype(np.int64), NEVER
        )

    def _agents(self) -> None:
        rng, n = self.rng("agents"), self.cfg.users
        p_publish = np.where(self.onboarded_ever, *AGENT_PUBLISH_PROBABILITY)
        per_user = np.where(rng.random(n) < p_publish, 1 + rng.poisson(0.45, n), 0)
        user = np.repeat(np.arange(n), per_user)
        later = grouped_rank(per_user) > 0
        first_delay = (rng.lognormal(np.log(30.0), 1.1, n) * HOUR).astype(np.int64)
        published = self.signup[user] + first_delay[user]
        published += np.where(later, rng.exponential(12 * DAY, len(user)), 0).astype(np.int64)
        keep = published < self.end
        self.agent_user: I64 = user[keep]
        self.agent_published: I64 = published[keep]
        self.agent_tenant: I64 = self.tenant[self.agent_user]
        n_agents = len(self.agent_user)
        self.agent_channel: I64 = choice(rng, AGENT_CHANNEL_WEIGHTS, n_agents)
        self.agent_llm: I64 = choice(rng, LLM_MODEL_WEIGHTS, n_agents)
        self.agent_knowledge_items: I64 = 1 + rng.poisson(4.0, n_agents)

    def _tenant_lifetimes(self) -> None:
        rng, n_tenants = self.rng("tenant_lifetimes"), len(self.owners)
        self.tenant_first_agent: I64 = np.full(n_tenants, NEVER, dtype=np.int64)
        np.minimum.at(self.tenant_first_agent, self.agent_tenant, self.agent_published)
        early = rng.random(n_tenants) < EARLY_CHURN_SHARE
        life = np.where(
            early,
            rng.exponential(5 * DAY, n_tenants),
            rng.exponential(TENANT_LIFETIME_DAYS * DAY, n_tenants),
        ).astype(np.int64)
        idle_life = rng.exponential(20 * DAY, n_tenants).astype(np.int64)
        has_agent = self.tenant_first_agent < NEVER
        self.tenant_end: I64 = np.where(
            has_agent, self.tenant_first_agent + life, self.tenant_created + idle_life
        )

    def _posthog_bad_days(self) -> None:
        """Days on which PostHog loses many browser events (outage, ad-blocker list update)."""
        rng = self.rng("posthog_bad_days")
        outage, adblock = self.rates.posthog_outage_days, self.rates.adblock_spike_days
        candidates = np.arange(2, max(self.cfg.days - 2, 2))
        k = min(outage + adblock, len(candidates))
        days = rng.choice(candidates, size=k, replace=False) if k else np.array([], np.int64)
        self.posthog_day_loss: F64 = np.full(self.cfg.days + 1, self.rates.posthog_loss_rate)
        self.posthog_day_loss[days[: min(outage, k)]] = self.rates.posthog_outage_loss
        self.posthog_day_loss[days[min(outage, k) :]] = self.rates.adblock_spike_loss

    def _strings(self) -> None:
        """Per-entity strings, taken row-wise later (cheap Arrow takes)."""
        n, n_tenants = self.cfg.users, len(self.owners)
        self.user_ids = prefixed_ids("usr_", np.arange(n), self.salt_for("user"))
        self.tenant_ids = prefixed_ids("ten_", np.arange(n_tenants), self.salt_for("tenant"))
        self.agent_ids = prefixed_ids(
            "agt_", np.arange(len(self.agent_user)), self.salt_for("agent")
        )
        self.anonymous_ids = keyed_uuids(np.arange(self.n_devices), self.salt_for("anonymous"))
        # PostHog distinct ids of the browser: users' ids, then the devices' anonymous ids
        self.browser_distinct_ids = pa.concat_arrays([self.user_ids, self.anonymous_ids])
        words = self.tenant_name_words
        adjective = string_array(COMPANY_ADJECTIVES).take(words // len(COMPANY_NOUNS))
        noun = string_array(COMPANY_NOUNS).take(words % len(COMPANY_NOUNS))
        self.tenant_names = pc.binary_join_element_wise(adjective, noun, " ")
        domain = pc.binary_join_element_wise(
            pc.utf8_lower(adjective),
            pc.utf8_lower(noun),
            pc.utf8_slice_codeunits(self.tenant_ids, 4, 8),
            ".example",
            "",
        )
        first = string_array(FIRST_NAMES).take(self.first_name)
        last = string_array(LAST_NAMES).take(self.last_name)
        self.user_names = pc.binary_join_element_wise(first, last, " ")
        self.user_emails = pc.binary_join_element_wise(
            pc.utf8_lower(first),
            ".",
            pc.utf8_lower(last),
            "@",
            domain.take(self.tenant),
            "",
        )
        octets = [pc.cast(pa.array(self.device_ip_octets[:, i]), pa.string()) for i in range(4)]
        self.device_ips = pc.binary_join_element_wise(*octets, ".")


class Chunk(NamedTuple):
    """A share of the world whose events are generated together: whole tenants with their users,
    those users' second devices and agents, and a slice of the never-signing-up visitors. Every
    event belongs to exactly one chunk, so memory is bounded by the chunk, not the data size."""

    index: int
    count: int
    users: I64  # global user indexes, ascending
    tenants: I64
    merged: I64  # users of the chunk with a second device
    agents: I64
    visitors: I64  # device indexes

    def stream(self, name: str) -> str:
        """The random stream of a part in this chunk (one chunk: the same streams as ever)."""
        return name if self.count == 1 else f"{name}/chunk-{self.index}"


def chunks(w: World, chunk_users: int) -> Iterator[Chunk]:
    """Split the world into chunks of about `chunk_users` users, cutting only between tenants
    (teammates join earlier tenants, so a tenant's users are not contiguous)."""
    n = w.cfg.users
    count = max(1, -(-n // max(chunk_users, 1)))
    users_per_tenant = np.cumsum(np.bincount(w.tenant, minlength=len(w.owners)))
    cuts = np.searchsorted(users_per_tenant, np.arange(1, count) * n / count, "right")
    bounds = np.unique(np.r_[0, cuts, len(w.owners)])
    count = len(bounds) - 1
    chunk_of_tenant = np.repeat(np.arange(count), np.diff(bounds))
    chunk_of_user = chunk_of_tenant[w.tenant]
    visitors = np.array_split(n + len(w.merged_users) + np.arange(w.n_visitors), count)
    for index in range(count):
        users = np.flatnonzero(chunk_of_user == index)
        yield Chunk(
            index=index,
            count=count,
            users=users,
            tenants=np.arange(bounds[index], bounds[index + 1]),
            merged=w.merged_users[chunk_of_user[w.merged_users] == index],
            agents=np.flatnonzero(chunk_of_user[w.agent_user] == index),
            visitors=visitors[index],
        )


@dataclass
class Running:
    """What the chunks share: running ids (dialogs, tickets, Zendesk users) and when each
    server-side PostHog distinct id was first seen (for persons, written after the last chunk)."""

    server_first_seen: I64
    next_dialog: int = 0
    next_ticket: int = 0
    next_zendesk_user: int = 0


# ---------------------------------------------------------------------------------------------
# What happened: event frames (numbers only, one row per true event)
# ---------------------------------------------------------------------------------------------
def event_frame(ts: I64, device: I64, user: I64, path: I64, **columns: np.ndarray) -> Frame:
    frame: Frame = {"ts": ts, "device": device, "user": user, "path": path}
    frame.update(columns)
    return frame


def in_window(w: World, frame: Frame) -> Frame:
    ts = frame["ts"]
    return take_frame(frame, np.flatnonzero((ts >= w.start) & (ts < w.end)))


def device_at(w: World, rng: np.random.Generator, user: I64, ts: I64, share: float) -> I64:
    """The user's first device, or (merged users, after their second login) the second one."""
    second = w.second_device[user]
    use_second = (second >= 0) & (ts >= w.second_login[user]) & (rng.random(len(user)) < share)
    return np.where(use_second, second, user)


def sessions_to_pages(
    rng: np.random.Generator,
    ts: I64,
    device: I64,
    user: I64,
    *,
    app: bool,
    last_page: str | None = None,
) -> Frame:
    """Expand sessions into page views 45 s apart on average, app or marketing pages. A session
    starts at `ts`; with `last_page` it instead ends at `ts`, on that page."""
    pages = 1 + rng.poisson(2.5, len(ts))
    session = np.repeat(np.arange(len(ts)), pages)
    rank = grouped_rank(pages)
    gaps = rng.exponential(45.0 * SECOND, len(session))
    gaps[rank == 0] = 0.0
    offset = np.cumsum(gaps)
    offset -= np.repeat(offset[np.cumsum(pages) - pages], pages)
    if last_page is not None:
        offset -= np.repeat(offset[np.cumsum(pages) - 1], pages)  # the last page is at `ts`
    page_ts = ts[session] + offset.astype(np.int64)
    if app:
        path = N_MARKETING + choice(rng, APP_PAGE_WEIGHTS, len(session))
    else:
        path = choice(rng, MARKETING_PAGE_WEIGHTS, len(session))
    if last_page is not None:
        path[np.cumsum(pages) - 1] = PAGE_INDEX[last_page]
    # the first page of a session comes from outside (or nowhere), the others from the previous
    external = choice(rng, EXTERNAL_REFERRER_WEIGHTS + (0.30,), len(session))
    external[external == len(EXTERNAL_REFERRERS)] = -1
    referrer = np.where(rank == 0, external, len(EXTERNAL_REFERRERS) + np.roll(path, 1))
    return event_frame(page_ts, device[session], user[session], path, referrer=referrer)


def page_frame(w: World, c: Chunk) -> Frame:
    """Every page view of the browser, whichever tool sees it."""
    rng, everyone = w.rng(c.stream("pages")), c.users
    n = len(everyone)
    parts = []
    # future users: earlier anonymous visits, then the signup session that ends on /signup
    visitor = np.repeat(everyone, rng.poisson(1.2, n))
    ts = w.signup[visitor] - uniform_us(rng, HOUR, 14 * DAY, len(visitor))
    parts.append(sessions_to_pages(rng, ts, visitor, np.full(len(ts), -1), app=False))
    ts = w.signup[everyone] - 5 * SECOND
    parts.append(
        sessions_to_pages(rng, ts, everyone, np.full(n, -1), app=False, last_page="/signup")
    )
    # logged-in sessions, decaying after signup
    remaining_days = (w.end - w.signup) / DAY
    intensity = rng.gamma(2.0, SESSIONS_PER_USER_DAY / 2.0, n)
    expected = (
        intensity * SESSION_DECAY_DAYS * -np.expm1(-remaining_days[everyone] / SESSION_DECAY_DAYS)
    )
    user = np.repeat(everyone, rng.poisson(expected))
    offset = truncated_exponential(rng, SESSION_DECAY_DAYS, remaining_days[user])
    ts = w.signup[user] + (offset * DAY).astype(np.int64) + 10 * MINUTE
    parts.append(sessions_to_pages(rng, ts, device_at(w, rng, user, ts, 0.4), user, app=True))
    # a merged user's second device: anonymous until the login that ends its first session
    merged = c.merged
    ts = w.second_login[merged] - 20 * SECOND
    anonymous = np.full(len(merged), -1)
    device = w.second_device[merged]
    parts.append(sessions_to_pages(rng, ts, device, anonymous, app=False, last_page="/login"))
    # visitors who never sign up
    device = np.repeat(c.visitors, 1 + rng.poisson(0.6, len(c.visitors)))
    ts = w.start + rng.integers(0, w.cfg.days, len(device)) * DAY + intraday(rng, len(device))
    parts.append(sessions_to_pages(rng, ts, device, np.full(len(ts), -1), app=False))
    return in_window(w, concat_frames(parts))


def product_frames(w: World, c: Chunk) -> dict[str, Frame]:
    """The five browser product events, one frame each with p_<property> columns."""
    rng, everyone = w.rng(c.stream("product_events")), c.users
    n = len(everyone)
    frames: dict[str, Frame] = {}

    def make(name: str, user: I64, ts: I64, **props: np.ndarray) -> None:
        device = device_at(w, rng, user, ts, 0.3)
        path = np.full(len(user), PAGE_INDEX[EVENT_PAGE[name]])
        tenant = w.tenant[user]
        columns = {f"p_{key}": values for key, values in props.items()}
        frames[name] = in_window(w, event_frame(ts, device, user, path, tenant=tenant, **columns))

    # signup (plus a few that fire twice: a double submit minutes or days later)
    again = everyone[rng.random(n) < w.rates.duplicate_signup_rate]
    user = np.concatenate([everyone, again])
    ts = np.concatenate(
        [w.signup[everyone], w.signup[again] + uniform_us(rng, MINUTE, 3 * DAY, len(again))]
    )
    make(
        "signup_completed",
        user,
        ts,
        plan=w.plan[user].astype(np.float64),
        source=w.source[user].astype(np.float64),
        workspace_id=w.tenant[user].astype(np.float64),
    )
    onboarded = everyone[w.onboarding_at[everyone] < w.end]
    make(
        "onboarding_completed",
        onboarded,
        w.onboarding_at[onboarded],
        duration_minutes=np.round(rng.lognormal(np.log(12.0), 0.7, len(onboarded))),
        tenant_id=w.tenant[onboarded].astype(np.float64),
        touchpoints=1.0 + rng.poisson(3.0, len(onboarded)),
    )
    # knowledge uploads and integrations follow onboarding (or signup for the impatient)
    base = np.where(w.onboarded_ever, np.minimum(w.onboarding_at, w.signup + 30 * DAY), w.signup)
    uploads = rng.poisson(np.where(w.onboarded_ever[everyone], 2.2, 0.4))
    user = np.repeat(everyone, uploads)
    later = np.where(grouped_rank(uploads) > 0, rng.exponential(5 * DAY, len(user)), 0)
    ts = base[user] + (rng.lognormal(np.log(3.0), 1.0, len(user)) * HOUR + later).astype(np.int64)
    size_kb = np.round(rng.lognormal(np.log(300.0), 1.2, len(user)), 1)
    make(
        "knowledge_uploaded",
        user,
        ts,
        tenant_id=w.tenant[user].astype(np.float64),
        type=choice(rng, (0.45, 0.15, 0.2, 0.15, 0.05), len(user)).astype(np.float64),
        size_kb=size_kb,
        chunk_count=np.ceil(size_kb / 4.0) + rng.integers(0, 5, len(user)),
    )
    connects = rng.poisson(np.where(w.onboarded_ever[everyone], 0.8, 0.2))
    user = np.repeat(everyone, connects)
    ts = base[user] + (rng.lognormal(np.log(24.0), 1.2, len(user)) * HOUR).astype(np.int64)
    make(
        "integration_connected",
        user,
        ts,
        integration=rng.integers(0, len(INTEGRATIONS), len(user)).astype(np.float64),
        tenant_id=w.tenant[user].astype(np.float64),
        status=(rng.random(len(user)) < 0.12).astype(np.float64),
    )
    # agents: one event per publish, and ~10% of agents are published again later
    agents = c.agents
    again = agents[rng.random(len(agents)) < 0.10]
    agent = np.concatenate([agents, again])
    ts = np.concatenate(
        [
            w.agent_published[agents],
            w.agent_published[again] + rng.exponential(7 * DAY, len(again)).astype(np.int64),
        ]
    )
    make(
        "agent_published",
        w.agent_user[agent],
        ts,
        agent_id=agent.astype(np.float64),
        channel=w.agent_channel[agent].astype(np.float64),
        llm_model=w.agent_llm[agent].astype(np.float64),
        knowledge_items=w.agent_knowledge_items[agent].astype(np.float64),
    )
    return frames


def unplanned_frame(w: World, c: Chunk, pages: Frame) -> Frame:
    """Events outside the tracking plan, placed in logged-in sessions (at their first page)."""
    rng = w.rng(c.stream("unplanned"))
    first_page = pages["referrer"] < len(EXTERNAL_REFERRERS)  # internal referrer = not first
    sessions = np.flatnonzero((pages["user"] >= 0) & (pages["path"] >= N_MARKETING) & first_page)
    count = rng.poisson(w.rates.unplanned_per_session, len(sessions))
    rows = np.repeat(sessions, count)
    frame = {name: pages[name][rows] for name in ("ts", "device", "user", "path")}
    frame["ts"] = frame["ts"] + uniform_us(rng, SECOND, 10 * MINUTE, len(rows))
    frame["name"] = choice(rng, UNPLANNED_WEIGHTS, len(rows))
    return in_window(w, frame)


def identify_frame(w: World, c: Chunk) -> Frame:
    """Browser identifies. `t_*` are trait codes (-1 = trait not sent); `posthog` marks the calls
    that also make a PostHog $identify (a new anonymous id becomes the user)."""
    rng, rates, everyone = w.rng(c.stream("identifies")), w.rates, c.users
    n = len(everyone)
    parts: list[Frame] = []

    def add(ts: I64, user: I64, device: I64, posthog: bool, path: str, **traits: I64) -> None:
        unset = np.full(len(user), -1)
        part = event_frame(ts, device, user, np.full(len(user), PAGE_INDEX[path]))
        part["posthog"] = np.full(len(user), posthog)
        part["t_email"] = user
        for trait in ("t_name", "t_plan", "t_company_size", "t_industry"):
            part[trait] = traits.get(trait.removeprefix("t_"), unset)
        parts.append(part)

    # at signup; the first identify often lacks company_size and industry
    no_size = rng.random(n) < rates.first_identify_missing_traits_rate
    no_industry = rng.random(n) < rates.first_identify_missing_traits_rate
    size = np.where(no_size, -1, w.company_size[everyone])
    industry = np.where(no_industry, -1, w.industry[everyone])
    plan = w.plan[everyone]
    traits = {"name": everyone, "plan": plan, "company_size": size, "industry": industry}
    add(w.signup[everyone] - SECOND, everyone, everyone, True, "/signup", **traits)
    # the profile form sends the missing traits later (a few users never fill it in)
    later = (no_size | no_industry) & (rng.random(n) >= NEVER_COMPLETE_PROFILE_SHARE)
    user = everyone[later]
    ts = w.signup[user] + uniform_us(rng, HOUR, 10 * DAY, len(user))
    traits = {"company_size": w.company_size[user], "industry": w.industry[user]}
    add(ts, user, user, False, "/app/settings", **traits)
    # the company grows: a later identify with a bigger company_size
    user = everyone[(rng.random(n) < TRAIT_CHANGE_SHARE) & (w.company_size[everyone] < 4)]
    ts = w.signup[user] + uniform_us(rng, 10 * DAY, 60 * DAY, len(user))
    traits = {"company_size": w.company_size[user] + 1, "industry": w.industry[user]}
    add(ts, user, user, False, "/app/settings", **traits)
    # a merged user's login on the second device
    user = c.merged
    add(w.second_login[user], user, w.second_device[user], True, "/login")
    return in_window(w, concat_frames(parts))


def group_frame(w: World, c: Chunk) -> Frame:
    """Browser group calls: tenant created (owner), teammate joins, later plan change."""
    everyone = c.users
    n = len(everyone)
    changed = c.tenants[w.tenant_change_at[c.tenants] < NEVER]
    owner = w.owners[changed]
    user = np.concatenate([everyone, owner])
    ts = np.concatenate([w.signup[everyone] + 2 * SECOND, w.tenant_change_at[changed]])
    tenant = w.tenant[user]
    path = np.concatenate(
        [np.full(n, PAGE_INDEX["/app/onboarding"]), np.full(len(owner), PAGE_INDEX["/app/billing"])]
    )
    rng = w.rng(c.stream("groups"))
    frame = event_frame(
        ts,
        device_at(w, rng, user, ts, 0.3),
        user,
        path,
        tenant=tenant,
        g_plan=w.tenant_plan_at(tenant, ts),
    )
    return in_window(w, frame)


def dialog_frame(w: World, c: Chunk, running: Running) -> Frame:
    """dialog_started events of every agent, retries included (same dialog, new event). Dialog
    ids continue from the previous chunk's."""
    rng, agents = w.rng(c.stream("dialogs")), c.agents
    stop = np.minimum(w.end, w.tenant_end[w.agent_tenant[agents]])
    length_days = np.clip(stop - w.agent_published[agents], 0, None) / DAY
    rate = rng.lognormal(np.log(DIALOGS_PER_AGENT_DAY), 0.9, len(agents))
    expected = rate * DIALOG_DECAY_DAYS * -np.expm1(-length_days / DIALOG_DECAY_DAYS)
    count = rng.poisson(expected)
    local = np.repeat(np.arange(len(agents)), count)
    offset = truncated_exponential(rng, DIALOG_DECAY_DAYS, length_days[local])
    agent = agents[local]
    ts = w.agent_published[agent] + (offset * DAY).astype(np.int64)
    keep = (weekday(ts) < 5) | (rng.random(len(ts)) < 0.7)  # quieter weekends
    agent, ts = agent[keep], ts[keep]
    sends = 1 + np.where(
        rng.random(len(ts)) < w.rates.dialog_retry_rate, rng.integers(1, 3, len(ts)), 0
    )
    dialog = running.next_dialog + np.repeat(np.arange(len(ts)), sends)
    running.next_dialog += len(ts)
    retry_delay = np.where(grouped_rank(sends) > 0, rng.uniform(1.0, 20.0, len(dialog)), 0.0)
    retry_offset = np.cumsum(retry_delay) - np.repeat(
        np.cumsum(retry_delay)[np.cumsum(sends) - sends], sends
    )
    agent = np.repeat(agent, sends)
    frame = event_frame(
        np.repeat(ts, sends) + (retry_offset * SECOND).astype(np.int64),
        np.full(len(dialog), -1),
        np.full(len(dialog), -1),
        np.full(len(dialog), -1),
        agent=agent,
        tenant=w.agent_tenant[agent],
        p_dialog_id=dialog.astype(np.float64),
        p_agent_id=agent.astype(np.float64),
        p_tenant_id=w.agent_tenant[agent].astype(np.float64),
        p_channel=w.agent_channel[agent].astype(np.float64),
    )
    return in_window(w, frame)


class SupportRequests(NamedTuple):
    events: Frame  # support_request_created (backend), p_ticket_id = Zendesk ticket id
    tickets: Frame  # one row per Zendesk ticket (first sync)


def support_requests(w: World, c: Chunk, running: Running) -> SupportRequests:
    """Support requests of the chunk's tenants; ticket ids continue from the previous chunk's."""
    rng, rates, tenants = w.rng(c.stream("support")), w.rates, c.tenants
    stop = np.minimum(w.end, w.tenant_end + 14 * DAY)
    span = np.clip(stop - w.tenant_created, 0, None)
    count = rng.poisson(SUPPORT_REQUESTS_PER_TENANT_DAY * span[tenants] / DAY)
    tenant = np.repeat(tenants, count)
    ts = w.tenant_created[tenant] + (rng.random(len(tenant)) * span[tenant]).astype(np.int64)
    # incident days: a burst of requests well above the usual daily count
    spike_tenants, spike_ts = [], []
    first_possible = 35 if w.cfg.days >= 40 else w.cfg.days // 2
    candidates = np.arange(first_possible, max(w.cfg.days - 1, first_possible + 1))
    spikes = min(rates.support_spike_days, len(candidates))
    # an incident hits every chunk on the same days (one chunk: drawn in line, as before chunks)
    spike_rng = rng if c.count == 1 else w.rng("support_spike_days")
    spike_days = spike_rng.choice(candidates, spikes, replace=False)
    burst = max(6, int(np.ceil(3.0 * len(tenant) / max(w.cfg.days, 1))))
    for day in np.sort(spike_days):
        at = (
            w.start
            + int(day) * DAY
            + (rng.normal(15.0, 2.0, burst).clip(0.5, 23.5) * HOUR).astype(np.int64)
        )
        existing = np.searchsorted(w.tenant_created[tenants], at)
        ok = existing > 0
        spike_tenants.append(tenants[(rng.random(burst) * existing).astype(np.int64)[ok]])
        spike_ts.append(at[ok])
    tenant = np.concatenate([tenant, *spike_tenants])
    ts = np.concatenate([ts, *spike_ts])
    # requester: a member of the tenant who had signed up by then
    order = np.lexsort((w.signup, w.tenant))
    member_key = w.tenant[order] * (2**40) + (w.signup[order] - w.start) // SECOND
    first = np.searchsorted(w.tenant[order], tenant)
    signed_up = (
        np.searchsorted(member_key, tenant * (2**40) + (ts - w.start) // SECOND, "right") - first
    )
    requester = order[first + (rng.random(len(tenant)) * np.maximum(signed_up, 1)).astype(np.int64)]
    kind = choice(
        rng,
        (
            rates.support_both_share,
            rates.support_zendesk_only_share,
            max(0.0, 1.0 - rates.support_both_share - rates.support_zendesk_only_share),
        ),
        len(tenant),
    )  # 0: event and ticket, 1: ticket only, 2: event only
    both = kind == 0
    # the ticket is created minutes (sometimes hours) after the event, a few seconds before it
    lag = np.select(
        [rng.random(len(ts)) < 0.75, rng.random(len(ts)) < 0.6],
        [rng.uniform(30, 1800, len(ts)), rng.uniform(3600, 8 * 3600, len(ts))],
        -rng.uniform(10, 300, len(ts)),
    )
    sunday_night = both & (rng.random(len(ts)) < 0.03)  # event late on Sunday, ticket on Monday
    week_start = ts - (weekday(ts) * DAY) - ts % DAY
    moved = week_start + 6 * DAY + 23 * HOUR + uniform_us(rng, 40 * MINUTE, 59 * MINUTE, len(ts))
    sunday_night &= (moved >= w.tenant_created[tenant]) & (moved + 2 * HOUR < w.end)
    ts = np.where(sunday_night, moved, ts)
    lag = np.where(sunday_night, rng.uniform(25 * 60, 60 * 60, len(ts)), lag)
    ticket_ts = np.where(both, ts + (lag * SECOND).astype(np.int64), ts)
    ticket_id = (
        40_001
        + running.next_ticket
        + np.argsort(np.argsort(ticket_ts, kind="stable"), kind="stable")
    )
    running.next_ticket += len(ticket_ts)
    channel = choice(rng, (0.6, 0.25, 0.15), len(ts))
    event_rows = np.flatnonzero(kind != 1)
    events = event_frame(
        ts[event_rows],
        np.full(len(event_rows), -1),
        requester[event_rows],
        np.full(len(event_rows), -1),
        tenant=tenant[event_rows],
        p_tenant_id=tenant[event_rows].astype(np.float64),
        p_ticket_id=ticket_id[event_rows].astype(np.float64),
        p_channel=channel[event_rows].astype(np.float64),
    )
    ticket_rows = np.flatnonzero(kind != 2)
    tickets = event_frame(
        ticket_ts[ticket_rows],
        np.full(len(ticket_rows), -1),
        requester[ticket_rows],
        np.full(len(ticket_rows), -1),
        tenant=tenant[ticket_rows],
        ticket_id=ticket_id[ticket_rows],
        from_event=both[ticket_rows],
        channel=channel[ticket_rows],
    )
    return SupportRequests(in_window(w, events), in_window(w, tickets))


def backend_identify_frame(w: World, c: Chunk) -> Frame:
    """Server-side identifies: at signup for some users (some pass the browser's anonymous id),
    and for the owner when the tenant's plan changes."""
    rng = w.rng(c.stream("backend_identifies"))
    at_signup = c.users[rng.random(len(c.users)) < BACKEND_IDENTIFY_SHARE]
    changed = c.tenants[w.tenant_change_at[c.tenants] < NEVER]
    user = np.concatenate([at_signup, w.owners[changed]])
    ts = np.concatenate(
        [w.signup[at_signup] + 3 * SECOND, w.tenant_change_at[changed] + 5 * SECOND]
    )
    with_anonymous = np.concatenate(
        [rng.random(len(at_signup)) < 0.5, np.zeros(len(changed), bool)]
    )
    frame = event_frame(
        ts,
        np.where(with_anonymous, user, -1),
        user,
        np.full(len(user), -1),
        t_plan=w.tenant_plan_at(w.tenant[user], ts),
        t_email=user,
    )
    return in_window(w, frame)


def invoice_frame(w: World, c: Chunk) -> Frame:
    """Unplanned backend event `invoice_paid`: monthly, for tenants on a paid plan."""
    months = (w.end - w.tenant_created[c.tenants]) // (30 * DAY)
    tenant = np.repeat(c.tenants, months)
    ts = w.tenant_created[tenant] + (grouped_rank(months) + 1) * 30 * DAY + HOUR
    paid = w.tenant_plan_at(tenant, ts) > 0
    tenant, ts = tenant[paid], ts[paid]
    user = w.owners[tenant]
    frame = event_frame(ts, np.full(len(ts), -1), user, np.full(len(ts), -1), tenant=tenant)
    return in_window(w, frame)


# ---------------------------------------------------------------------------------------------
# Delivery: how each tool receives a copy (loss, latency, late arrivals, skew, dupes, violations)
# ---------------------------------------------------------------------------------------------
def split_copies(w: World, rng: np.random.Generator, frame: Frame) -> tuple[Frame, Frame]:
    """Segment's and PostHog's copies of browser events. An event is lost by at most one tool;
    PostHog loses more on its bad days."""
    draw = rng.random(frame_len(frame))
    day = np.clip((frame["ts"] - w.start) // DAY, 0, w.cfg.days)
    segment_lost = draw < w.rates.segment_loss_rate
    posthog_lost = ~segment_lost & (draw < w.rates.segment_loss_rate + w.posthog_day_loss[day])
    return take_frame(frame, np.flatnonzero(~segment_lost)), take_frame(
        frame, np.flatnonzero(~posthog_lost)
    )


def null_required_property(rng: np.random.Generator, frame: Frame, rate: float) -> None:
    """Tracking-plan violation: one required property of the event is null."""
    props = sorted(name for name in frame if name.startswith("p_"))
    if not props:
        return
    rows = np.flatnonzero(rng.random(frame_len(frame)) < rate)
    which = rng.integers(0, len(props), len(rows))
    for position, name in enumerate(props):
        values = frame[name] = frame[name].astype(np.float64)
        values[rows[which == position]] = np.nan


def with_duplicates(
    rng: np.random.Generator, frame: Frame, rate: float, gap: I64 | None, shifted: Sequence[str]
) -> Frame:
    """Append a second copy of `rate` of the rows, with `shifted` columns moved later by `gap`."""
    n = frame_len(frame)
    again = np.flatnonzero(rng.random(n) < rate)
    out = take_frame(frame, np.concatenate([np.arange(n), again]))
    if gap is not None:
        for name in shifted:
            out[name][n:] += gap[: len(again)]
    return out


def loaded_by_export(w: World, frame: Frame, loaded: str) -> Frame:
    """Only rows that the loader had written when the snapshot was taken."""
    return take_frame(frame, np.flatnonzero(frame[loaded] <= w.exported_at))


def late_delay(rng: np.random.Generator, n: int, rate: float) -> I64:
    return np.where(rng.random(n) < rate, uniform_us(rng, DAY, 10 * DAY, n), 0)


def deliver_segment(w: World, rng: np.random.Generator, frame: Frame, *, web: bool) -> Frame:
    rates = w.rates
    frame = dict(frame)
    n = frame_len(frame)
    ts = frame["ts"]
    received = ts + (rng.lognormal(np.log(0.4), 0.8, n) * SECOND).astype(np.int64)
    received += late_delay(rng, n, rates.late_rate)
    skew = np.zeros(n, dtype=np.int64)
    skewed = np.flatnonzero(rng.random(n) < rates.clock_skew_rate)
    years = rng.random(len(skewed)) < 0.3
    sign = np.where(rng.random(len(skewed)) < 0.5, -1, 1)
    skew[skewed] = sign * np.where(
        years,
        rng.integers(1, 6, len(skewed)) * 365 * DAY + uniform_us(rng, 0, DAY, len(skewed)),
        uniform_us(rng, HOUR, 12 * HOUR, len(skewed)),
    )
    frame["original_timestamp"] = ts + skew
    frame["sent_at"] = received - 50_000 + skew
    frame["received_at"] = received
    future = rng.random(n) < rates.future_timestamp_rate
    frame["timestamp"] = np.where(future, received + uniform_us(rng, 1.5 * DAY, 20 * DAY, n), ts)
    frame["uuid_ts"] = received + uniform_us(rng, 5 * MINUTE, 2 * HOUR, n)
    frame["id_hi"], frame["id_lo"] = random_words(rng, n)
    null_required_property(rng, frame, rates.missing_property_rate)
    if "seg_user" not in frame:
        frame["seg_user"] = frame["user"]
    campaign = rng.integers(0, len(CAMPAIGNS), n)
    has_campaign = (
        web & (ts >= w.start + (w.end - w.start) // 2) & (rng.random(n) < rates.campaign_rate)
    )
    frame["campaign"] = np.where(has_campaign, campaign, -1)
    gap = np.where(
        rng.random(n) < 0.6,
        uniform_us(rng, SECOND, 15 * MINUTE, n),
        uniform_us(rng, DAY, 7 * DAY, n),
    )
    frame = with_duplicates(
        rng, frame, rates.segment_duplicate_rate, gap, ("received_at", "uuid_ts")
    )
    return loaded_by_export(w, frame, "uuid_ts")


def deliver_posthog(w: World, rng: np.random.Generator, frame: Frame) -> Frame:
    rates = w.rates
    frame = dict(frame)
    n = frame_len(frame)
    created = frame["ts"] + (rng.lognormal(np.log(0.3), 0.8, n) * SECOND).astype(np.int64)
    created += late_delay(rng, n, rates.late_rate)
    frame["created_at"] = created
    frame["_inserted_at"] = created + uniform_us(rng, MINUTE, 70 * MINUTE, n)
    future = rng.random(n) < rates.future_timestamp_rate
    frame["timestamp"] = np.where(
        future, created + uniform_us(rng, 1.5 * DAY, 20 * DAY, n), frame["ts"]
    )
    frame["uuid_hi"], frame["uuid_lo"] = random_words(rng, n)
    null_required_property(rng, frame, rates.missing_property_rate)
    gap = uniform_us(rng, HOUR, 3 * DAY, n)
    frame = with_duplicates(rng, frame, rates.posthog_duplicate_rate, gap, ("_inserted_at",))
    return loaded_by_export(w, frame, "_inserted_at")


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------
class Catalogues:
    """String columns that come from a small list (page paths, plans, …)."""

    def __init__(self) -> None:
        self.path = string_array([p[0] for p in PAGES])
        self.route = string_array([p[1] for p in PAGES])
        self.title = string_array([p[2] for p in PAGES])
        self.page_name = string_array([p[3] for p in PAGES])
        origins = [MARKETING_ORIGIN] * N_MARKETING + [APP_ORIGIN] * len(APP_PAGES)
        self.origin = string_array(origins)
        self.url = string_array([o + p[0] for o, p in zip(origins, PAGES, strict=True)])
        self.referrer = string_array(list(EXTERNAL_REFERRERS) + self.url.to_pylist())
        self.user_agent = string_array([ua for ua, _ in USER_AGENTS])
        self.device_type = string_array([kind for _, kind in USER_AGENTS])
        self.country = string_array(COUNTRIES)
        self.campaign = string_array(CAMPAIGNS)
        self.values = {kind: string_array(items) for kind, items in CATALOGUES.items()}


CAT = Catalogues()
# Columns that Segment only creates once it has seen a non-null value (the others always exist)
SEGMENT_OPTIONAL = frozenset(
    "context_page_path context_page_url context_ip context_user_agent context_campaign_name "
    "email name plan company_size industry employees".split()
)


def property_column(w: World, kind: str, values: np.ndarray) -> pa.Array:
    """A typed Arrow column for a property, from its numeric codes (NaN/-1 = null)."""
    codes = np.where(np.isnan(values), -1, values).astype(np.int64)
    if kind == "int":
        return int_column(values)
    if kind == "float":
        return float_column(values)
    if kind == "tenant":
        return take(w.tenant_ids, codes)
    if kind == "agent":
        return take(w.agent_ids, codes)
    if kind == "ticket":
        return pc.cast(int_column(values), pa.string())
    return take(CAT.values[kind], codes)


def property_json(kind: str, column: pa.Array) -> pa.Array:
    return json_number(column) if kind in ("int", "float") else json_string(column)


def segment_table(w: World, frame: Frame, middle: dict[str, pa.Array], *, library: str) -> pa.Table:
    """A Segment warehouse table: common columns around the table's own columns."""
    n = frame_len(frame)
    tz = w.cfg.segment_timestamptz
    device, path = frame["device"], frame["path"]
    browser = device if library == "analytics.js" else np.full(n, -1)  # server calls: no context
    user_agent = np.where(browser >= 0, w.device_user_agent[np.maximum(browser, 0)], -1)
    columns: dict[str, pa.Array] = {
        "id": uuid_strings(frame["id_hi"], frame["id_lo"]),
        "anonymous_id": take(w.anonymous_ids, device),
        "user_id": take(w.user_ids, frame["seg_user"]),
        **middle,
        "context_library_name": constant(library, n),
        "context_page_path": take(CAT.path, path),
        "context_page_url": take(CAT.url, path),
        "context_ip": take(w.device_ips, browser),
        "context_user_agent": take(CAT.user_agent, user_agent),
        "context_campaign_name": take(CAT.campaign, frame["campaign"]),
    }
    for name in ("timestamp", "original_timestamp", "sent_at", "received_at", "uuid_ts"):
        columns[name] = timestamp_column(frame[name], tz)
    return drop_unseen_columns(pa.table(columns))


def drop_unseen_columns(table: pa.Table) -> pa.Table:
    """Segment creates a column when it first sees a non-null value: drop the never-seen ones."""
    unseen = [
        name
        for name in table.column_names
        if name in SEGMENT_OPTIONAL and table[name].null_count == len(table)
    ]
    return table.drop_columns(unseen)


def concat_segment(tables: Sequence[pa.Table]) -> pa.Table:
    return drop_unseen_columns(pa.concat_tables(tables, promote_options="default"))


def segment_event_tables(
    w: World, name: str, frame: Frame, *, library: str
) -> tuple[pa.Table, pa.Table]:
    """The per-event table and the same messages' rows for `tracks`."""
    event = {
        "event": constant(name, frame_len(frame)),
        "event_text": constant(EVENT_TEXT[name], frame_len(frame)),
    }
    props = {
        column: property_column(w, kind, frame[f"p_{column}"])
        for column, kind in EVENT_PROPERTIES[name]
    }
    per_event = segment_table(w, frame, {**event, **props}, library=library)
    return per_event, segment_table(w, frame, event, library=library)


def session_ids(w: World, device: I64, ts: I64) -> tuple[pa.Array, I64]:
    """A browser session = one device during one clock hour: UUID text and a Vercel number."""
    key = np.maximum(device, 0) * (2**21) + (ts - w.start) // HOUR
    text = keyed_uuids(key, w.salt_for("session"), device >= 0)
    number = (
        mix64(key.astype(np.uint64) ^ np.uint64(w.salt_for("session"))) >> np.uint64(11)
    ).astype(np.int64)
    return text, number


def posthog_table(
    w: World,
    frame: Frame,
    event: pa.Array,
    properties: pa.Array,
    distinct_id: pa.Array,
    person_id: pa.Array,
    person_properties: pa.Array,
    elements_chain: pa.Array,
) -> pa.Table:
    inserted = frame["_inserted_at"]
    since_export_change = inserted >= w.start + (w.end - w.start) // 2
    return pa.table(
        {
            "uuid": uuid_strings(frame["uuid_hi"], frame["uuid_lo"]),
            "event": event,
            "distinct_id": distinct_id,
            "person_id": person_id,
            "properties": properties,
            "person_properties": person_properties,
            "elements_chain": elements_chain,
            "timestamp": timestamp_column(frame["timestamp"], False),
            "created_at": timestamp_column(frame["created_at"], False),
            "_inserted_at": timestamp_column(inserted, False),
            # a column the export started to send half-way through (new columns must not break)
            "site_url": take(
                string_array(["https://eu.posthog.com"]), np.where(since_export_change, 0, -1)
            ),
        }
    )


class PostHogStrings:
    """Per-entity text of PostHog rows, built once and then taken row by row: person ids,
    person properties, and the fixed parts of the properties JSON (one Arrow join per row is
    the expensive step, so the constant-per-entity members are pre-joined here)."""

    def __init__(self, w: World) -> None:
        self.person_ids = keyed_uuids(np.arange(w.n_devices), w.salt_for("person"))
        self.user_person_properties = json_object(
            [
                ("email", json_string(w.user_emails), False),
                ("name", json_string(w.user_names), False),
                ("plan", json_string(CAT.values["plan"].take(w.plan)), False),
            ],
            w.cfg.users,
        )
        # ',"$groups":{"tenant":"ten_…"}' per tenant, then '' for anonymous rows
        groups = pc.binary_join_element_wise(',"$groups":{"tenant":"', w.tenant_ids, '"}', "")
        self.groups = pa.concat_arrays([groups.cast(pa.string()), string_array([""])])
        # the page context per (page, referrer or none), up to the session id value
        self.n_referrers = len(CAT.referrer) + 1
        contexts = []
        for url, path in zip(CAT.url.to_pylist(), CAT.path.to_pylist(), strict=True):
            for referrer in [None, *CAT.referrer.to_pylist()]:
                members = {"$current_url": url, "$pathname": path}
                if referrer is not None:
                    members["$referrer"] = referrer
                members |= {"$lib": "web", "$session_id": ""}
                contexts.append(json.dumps(members, separators=(",", ":"))[:-2])
        self.page_contexts = string_array(contexts)


def browser_posthog_table(
    w: World,
    text: PostHogStrings,
    frame: Frame,
    event: str | pa.Array,
    extra: Sequence[JsonItem],
    elements_chain: pa.Array | None = None,
) -> pa.Table:
    """PostHog rows of browser events: distinct_id is the user once identified on that device,
    else the anonymous id; person_id is the person at ingestion time (stale after a merge)."""
    n = frame_len(frame)
    user, device, path = frame["user"], frame["device"], frame["path"]
    identified = user >= 0
    session, _ = session_ids(w, device, frame["ts"])
    referrer = frame.get("referrer", np.full(n, -1))
    context = text.page_contexts.take(path * text.n_referrers + referrer + 1)
    tenant = np.where(identified, w.tenant[np.maximum(user, 0)], len(w.owners))
    parts = [context, session, '"', *json_members(extra, leading_comma=True)]
    properties = concat_parts([*parts, text.groups.take(tenant), "}"], n)
    distinct = np.where(identified, user, w.cfg.users + device)
    person = np.where(identified, user, device)
    return posthog_table(
        w,
        frame,
        constant(event, n) if isinstance(event, str) else event,
        properties,
        w.browser_distinct_ids.take(distinct),
        text.person_ids.take(person),
        take(text.user_person_properties, user),
        elements_chain if elements_chain is not None else pa.nulls(n, pa.string()),
    )


def dialog_properties(w: World, frame: Frame) -> pa.Array:
    """dialog_started properties. Agent, tenant and channel are fixed per agent, so their JSON is
    pre-joined per agent and per violation variant (which of them is null)."""
    agent = np.arange(len(w.agent_user))
    members = {
        "agent_id": json_string(w.agent_ids),
        "tenant_id": json_string(w.tenant_ids.take(w.agent_tenant)),
        "channel": json_string(CAT.values["agent_channel"].take(w.agent_channel)),
    }
    groups = pc.binary_join_element_wise('{"tenant":"', w.tenant_ids.take(w.agent_tenant), '"}', "")
    variants = []
    for nulled in (None, *members):
        items: list[JsonItem] = [
            (key, "null" if key == nulled else value, False) for key, value in members.items()
        ]
        items += [("$lib", '"posthog-node"', False), ("$groups", groups, False)]
        variants.append(concat_parts([*json_members(items, leading_comma=True), "}"], len(agent)))
    fragments = pa.concat_arrays(variants)
    variant = np.select(
        [np.isnan(frame[f"p_{key}"]) for key in members], [1, 2, 3], default=0
    ).astype(np.int64)
    code = variant * len(agent) + frame["agent"]
    dialog = np.where(np.isnan(frame["p_dialog_id"]), -1, frame["p_dialog_id"]).astype(np.int64)
    dialog_id = prefixed_ids('"dlg_', dialog, w.salt_for("dialog"), suffix='"')
    return concat_parts(
        ['{"dialog_id":', pc.fill_null(dialog_id, "null"), fragments.take(code)], len(dialog)
    )


def product_json_items(w: World, name: str, frame: Frame) -> list[JsonItem]:
    return [
        (column, property_json(kind, property_column(w, kind, frame[f"p_{column}"])), False)
        for column, kind in EVENT_PROPERTIES[name]
    ]


def vercel_frame(w: World, c: Chunk, pages: Frame, products: dict[str, Frame]) -> Frame:
    """Vercel drain: page views (first-party script, rarely blocked) and some custom events."""
    rng = w.rng(c.stream("deliver_vercel"))
    seen = np.flatnonzero(rng.random(frame_len(pages)) >= w.rates.vercel_loss_rate)
    parts = [{name: pages[name][seen] for name in ("ts", "device", "path", "referrer")}]
    parts[0]["event_type"] = np.zeros(len(seen), dtype=np.int64)
    for name in ("signup_completed", "agent_published", "integration_connected"):
        frame = products[name]
        sent = np.flatnonzero(rng.random(frame_len(frame)) < VERCEL_CUSTOM_EVENT_SHARE)
        part = {column: frame[column][sent] for column in ("ts", "device", "path")}
        part["referrer"] = np.full(len(sent), -1)
        part["event_type"] = np.ones(len(sent), dtype=np.int64)
        parts.append(part)
    frame = concat_frames(parts)
    n = frame_len(frame)
    ts = frame["ts"]
    frame["received_at"] = ts + uniform_us(rng, SECOND, MINUTE, n)
    frame["received_at"] += late_delay(rng, n, w.rates.late_rate)
    frame = with_duplicates(rng, frame, w.rates.vercel_duplicate_rate, None, ())  # identical rows
    return loaded_by_export(w, frame, "received_at")


def vercel_table(w: World, frame: Frame) -> pa.Table:
    device, path, ts = frame["device"], frame["path"], frame["ts"]
    _, session = session_ids(w, device, ts)
    vercel_salt = np.uint64(w.salt_for("vercel"))
    device_number = (mix64(device.astype(np.uint64) ^ vercel_salt) >> np.uint64(11)).astype(
        np.int64
    )
    return pa.table(
        {
            "event_type": string_array(["pageview", "event"]).take(frame["event_type"]),
            "timestamp": pa.array(ts // 1000, type=pa.int64()),  # epoch milliseconds
            "project_id": string_array(VERCEL_PROJECTS).take(
                (path >= N_MARKETING).astype(np.int64)
            ),
            "path": CAT.path.take(path),
            "route": CAT.route.take(path),
            "referrer": take(CAT.referrer, frame["referrer"]),
            "session_id": pa.array(session, type=pa.int64()),
            "device_id": pa.array(device_number, type=pa.int64()),
            "origin": CAT.origin.take(path),
            "country": CAT.country.take(w.device_country[device]),
            "device_type": CAT.device_type.take(w.device_user_agent[device]),
            "received_at": timestamp_column(frame["received_at"], False),
        }
    )


def generate_tables(
    cfg: GeneratorConfig,
    chunk_users: int = CHUNK_USERS,
    on_chunk: Callable[[Chunk], None] | None = None,
) -> Iterator[RawTable]:
    """All raw tables, chunk by chunk: a table comes in several parts (to append) when the
    world has more than `chunk_users` users. `on_chunk` is called as each chunk starts."""
    w = World(cfg)
    text = PostHogStrings(w)
    running = Running(np.full(len(w.agent_user) + len(w.owners), NEVER, dtype=np.int64))
    for c in chunks(w, chunk_users):
        if on_chunk is not None:
            on_chunk(c)
        pages = page_frame(w, c)
        products = product_frames(w, c)
        yield from segment_web_tables(w, c, text, pages, products)
        support = support_requests(w, c, running)
        yield from segment_backend_tables(w, c, support.events)
        yield from posthog_dialog_tables(w, c, running)
        yield from zendesk_tables(w, c, support.tickets, running)
        for part in frame_parts(vercel_frame(w, c, pages, products)):
            yield RawTable("vercel", "analytics_events", vercel_table(w, part))
        del pages, products, support
    yield RawTable("posthog", "persons", persons_table(w, text, running.server_first_seen))


def segment_web_tables(
    w: World,
    c: Chunk,
    text: PostHogStrings,
    pages: Frame,
    products: dict[str, Frame],
) -> Iterator[RawTable]:
    """The browser source. Every browser call also goes to PostHog: its copies are yielded as
    parts of posthog.events (each tool loses its own share of the copies)."""
    web = "analytics.js"
    rng = w.rng(c.stream("deliver_pages"))
    seg, ph = split_copies(w, rng, pages)
    seg = deliver_segment(w, rng, seg, web=True)
    page = {
        "name": take(CAT.page_name, seg["path"]),
        "path": take(CAT.path, seg["path"]),
        "url": take(CAT.url, seg["path"]),
        "referrer": take(CAT.referrer, seg["referrer"]),
        "title": take(CAT.title, seg["path"]),
    }
    yield RawTable("segment_web", "pages", segment_table(w, seg, page, library=web))
    del seg, page
    ph = deliver_posthog(w, rng, ph)
    for part in frame_parts(ph):
        yield RawTable("posthog", "events", browser_posthog_table(w, text, part, "$pageview", []))
    del ph

    # identifies; the ones that bring a new anonymous id also make a PostHog $identify
    identifies = identify_frame(w, c)
    rng = w.rng(c.stream("deliver_identifies"))
    seg = deliver_segment(w, rng, identifies, web=True)
    traits = identify_traits(w, seg)
    yield RawTable("segment_web", "identifies", segment_table(w, seg, traits, library=web))
    yield RawTable("segment_web", "users", segment_users_table(w, seg))
    ph = deliver_posthog(w, rng, take_frame(identifies, np.flatnonzero(identifies["posthog"])))
    email = pc.binary_join_element_wise('{"email":"', w.user_emails.take(ph["user"]), '"}', "")
    anonymous = json_string(w.anonymous_ids.take(ph["device"]))
    members = [("$anon_distinct_id", anonymous, False), ("$set", email, False)]
    yield RawTable("posthog", "events", browser_posthog_table(w, text, ph, "$identify", members))

    # group calls (+ PostHog $groupidentify)
    groups = group_frame(w, c)
    rng = w.rng(c.stream("deliver_groups"))
    seg = deliver_segment(w, rng, groups, web=True)
    tenant = seg["tenant"]
    group = {
        "group_id": w.tenant_ids.take(tenant),
        "name": w.tenant_names.take(tenant),
        "plan": CAT.values["plan"].take(seg["g_plan"]),
        "industry": string_array(INDUSTRIES).take(w.industry[w.owners[tenant]]),
        "employees": pa.array(w.tenant_employees[tenant], type=pa.int64()),
    }
    yield RawTable("segment_web", "groups", segment_table(w, seg, group, library=web))
    ph = deliver_posthog(w, rng, groups)
    tenant = ph["tenant"]
    group_set = [
        ("name", json_string(w.tenant_names.take(tenant)), False),
        ("plan", json_string(CAT.values["plan"].take(ph["g_plan"])), False),
    ]
    members = [
        ("$group_type", '"tenant"', False),
        ("$group_key", json_string(w.tenant_ids.take(tenant)), False),
        ("$group_set", json_object(group_set, frame_len(ph)), False),
    ]
    yield RawTable(
        "posthog", "events", browser_posthog_table(w, text, ph, "$groupidentify", members)
    )

    # product events: per-event table + tracks rows; PostHog copy with the same property names
    track_parts: list[pa.Table] = []
    for name, frame in products.items():
        rng = w.rng(c.stream(f"deliver_{name}"))
        seg, ph = split_copies(w, rng, frame)
        anonymous_only = rng.random(frame_len(seg)) < w.rates.anonymous_only_rate
        seg["seg_user"] = np.where(anonymous_only, -1, seg["user"])
        seg = deliver_segment(w, rng, seg, web=True)
        per_event, tracks = segment_event_tables(w, name, seg, library=web)
        yield RawTable("segment_web", name, per_event)
        track_parts.append(tracks)
        ph = deliver_posthog(w, rng, ph)
        members = [
            (column, property_json(kind, property_column(w, kind, ph[f"p_{column}"])), False)
            for column, kind in EVENT_PROPERTIES[name]
        ]
        yield RawTable("posthog", "events", browser_posthog_table(w, text, ph, name, members))

    # unplanned events: tracks only (no table of their own); $autocapture only in PostHog
    unplanned = unplanned_frame(w, c, pages)
    rng = w.rng(c.stream("deliver_unplanned"))
    seg, ph = split_copies(w, rng, unplanned)
    autocapture = len(UNPLANNED_EVENTS) - 1
    seg = deliver_segment(
        w, rng, take_frame(seg, np.flatnonzero(seg["name"] != autocapture)), web=True
    )
    event = {
        "event": string_array([slug for slug, _ in UNPLANNED_EVENTS]).take(seg["name"]),
        "event_text": string_array([label for _, label in UNPLANNED_EVENTS]).take(seg["name"]),
    }
    track_parts.append(segment_table(w, seg, event, library=web))
    yield RawTable("segment_web", "tracks", concat_segment(track_parts))
    del track_parts
    ph = deliver_posthog(w, rng, ph)
    clicks = np.where(ph["name"] == autocapture, 0, -1)
    yield RawTable(
        "posthog",
        "events",
        browser_posthog_table(
            w,
            text,
            ph,
            string_array([slug for slug, _ in UNPLANNED_EVENTS]).take(ph["name"]),
            [("$event_type", take(string_array(['"click"']), clicks), True)],
            take(string_array([AUTOCAPTURE_ELEMENTS]), clicks),
        ),
    )


def segment_backend_tables(w: World, c: Chunk, support_events: Frame) -> Iterator[RawTable]:
    """The HTTP API source: support requests, invoices (unplanned) and server identifies."""
    server = "analytics-python"
    rng = w.rng(c.stream("deliver_backend"))
    seg = deliver_segment(w, rng, support_events, web=False)
    name = "support_request_created"
    per_event, support_tracks = segment_event_tables(w, name, seg, library=server)
    yield RawTable("segment_backend", name, per_event)
    seg = deliver_segment(w, rng, invoice_frame(w, c), web=False)
    n = frame_len(seg)
    event = {"event": constant("invoice_paid", n), "event_text": constant("Invoice Paid", n)}
    invoice_tracks = segment_table(w, seg, event, library=server)
    yield RawTable("segment_backend", "tracks", concat_segment([support_tracks, invoice_tracks]))
    seg = deliver_segment(w, rng, backend_identify_frame(w, c), web=False)
    traits = identify_traits(w, seg)
    yield RawTable("segment_backend", "identifies", segment_table(w, seg, traits, library=server))


def server_ids(w: World) -> tuple[pa.Array, pa.Array]:
    """Distinct and person ids of the server-side PostHog senders: agents, then tenants."""
    n_agents, n_tenants = len(w.agent_user), len(w.owners)
    distinct_ids = pa.concat_arrays([w.agent_ids, w.tenant_ids])
    person_ids = keyed_uuids(np.arange(n_agents + n_tenants), w.salt_for("server_person"))
    return distinct_ids, person_ids


def posthog_dialog_tables(w: World, c: Chunk, running: Running) -> Iterator[RawTable]:
    """The last part of events: server-captured dialogs (persons follow after every chunk)."""
    rng = w.rng(c.stream("deliver_dialogs"))
    dialogs = deliver_posthog(w, rng, dialog_frame(w, c, running))
    # the runtime sent the tenant id as distinct_id until a release switched to the agent id
    release = w.start + int(0.4 * (w.end - w.start))
    n_agents = len(w.agent_user)
    server_distinct_ids, server_person_ids = server_ids(w)
    server = np.where(dialogs["ts"] >= release, dialogs["agent"], n_agents + dialogs["tenant"])
    dialogs["server"] = server
    np.minimum.at(running.server_first_seen, server, dialogs["created_at"])
    for part in frame_parts(dialogs):
        n = frame_len(part)
        yield RawTable(
            "posthog",
            "events",
            posthog_table(
                w,
                part,
                constant("dialog_started", n),
                dialog_properties(w, part),
                server_distinct_ids.take(part["server"]),
                server_person_ids.take(part["server"]),
                pa.nulls(n, pa.string()),
                pa.nulls(n, pa.string()),
            ),
        )


TRAITS = (  # Segment trait column, frame column, values
    ("email", "t_email"),
    ("name", "t_name"),
    ("plan", "t_plan"),
    ("company_size", "t_company_size"),
    ("industry", "t_industry"),
)


def identify_traits(w: World, frame: Frame) -> dict[str, pa.Array]:
    """Trait columns from t_* codes (-1 or absent = trait not sent)."""
    values = {
        "email": w.user_emails,
        "name": w.user_names,
        "plan": CAT.values["plan"],
        "company_size": string_array(COMPANY_SIZES),
        "industry": string_array(INDUSTRIES),
    }
    absent = np.full(frame_len(frame), -1)
    return {column: take(values[column], frame.get(code, absent)) for column, code in TRAITS}


def segment_users_table(w: World, identifies: Frame) -> pa.Table:
    """Segment's `users`: one row per identified user, latest non-null value of each trait."""
    order = np.lexsort((identifies["received_at"], identifies["user"]))
    user = identifies["user"][order]
    last_row = np.r_[user[1:] != user[:-1], True] if len(user) else np.zeros(0, bool)
    users = user[last_row]
    latest: Frame = {"ts": users}
    for _, trait in TRAITS:
        values = identifies.get(trait, np.full(len(order), -1))[order]
        seen = values >= 0
        rows = np.flatnonzero(seen)
        last_seen = rows[np.r_[user[rows][1:] != user[rows][:-1], True]] if len(rows) else rows
        per_user = np.full(w.cfg.users, -1)
        per_user[user[last_seen]] = values[last_seen]
        latest[trait] = per_user[users]
    tz = w.cfg.segment_timestamptz
    table = pa.table(
        {
            "id": w.user_ids.take(users),
            "received_at": timestamp_column(identifies["received_at"][order][last_row], tz),
            "uuid_ts": timestamp_column(identifies["uuid_ts"][order][last_row], tz),
            **identify_traits(w, latest),
        }
    )
    return drop_unseen_columns(table)


def persons_table(w: World, text: PostHogStrings, first_seen: I64) -> pa.Table:
    """PostHog persons: one row per distinct_id and version. A merge re-points a second device's
    anonymous id to the user's person (version 1); a deletion adds a newer row, is_deleted.
    Server-side senders get one row each, created when first seen (`first_seen`, NEVER: unseen)."""
    rng, n = w.rng("persons"), w.cfg.users
    merged = w.merged_users
    second = w.second_device[merged]
    visitors = n + len(merged) + np.arange(w.n_visitors)
    visitor_seen = w.start + uniform_us(rng, 0, w.end - w.start, w.n_visitors)
    # distinct id (index into browser_distinct_ids), person (device index), distinct id version,
    # person version, created, is the distinct id's latest row
    blocks = [
        (n + np.arange(n), np.arange(n), 0, 1, np.maximum(w.signup - 14 * DAY, w.start), True),
        (np.arange(n), np.arange(n), 0, 1, w.signup - SECOND, True),
        (n + second, second, 0, 0, w.second_login[merged] - 5 * MINUTE, False),
        (n + second, merged, 1, 1, w.second_login[merged], True),
        (n + visitors, visitors, 0, 0, visitor_seen, True),
    ]

    def column(position: int) -> I64:
        return np.concatenate(
            [np.broadcast_to(block[position], len(block[0])) for block in blocks]
        ).astype(np.int64)

    distinct, person, version, person_version, created = (column(i) for i in range(5))
    latest = column(5).astype(bool)
    # deletions: every distinct id of a deleted person gets a newer row with is_deleted
    doomed = rng.random(w.n_devices) < w.rates.deletion_rate
    gone = np.flatnonzero(latest & doomed[person])
    when = created[gone] + (rng.random(len(gone)) * (w.end - created[gone])).astype(np.int64)
    deleted = np.r_[np.zeros(len(distinct), bool), np.ones(len(gone), bool)]
    distinct, person = np.r_[distinct, distinct[gone]], np.r_[person, person[gone]]
    version = np.r_[version, version[gone] + 1]
    person_version = np.r_[person_version, person_version[gone] + 1]
    created = np.r_[created, when]
    user_person = np.where((person < n) & ~deleted, person, -1)
    browser = pa.table(
        {
            "team_id": pa.array(np.full(len(person), TEAM_ID), type=pa.int32()),
            "distinct_id": w.browser_distinct_ids.take(distinct),
            "person_id": text.person_ids.take(person),
            "properties": pc.fill_null(take(text.user_person_properties, user_person), "{}"),
            "person_distinct_id_version": pa.array(version, type=pa.int64()),
            "person_version": pa.array(person_version, type=pa.int64()),
            "created_at": timestamp_column(created, False),
            "_inserted_at": timestamp_column(
                created + uniform_us(rng, MINUTE, 70 * MINUTE, len(created)), False
            ),
            "is_deleted": pa.array(deleted),
        }
    )
    used = np.flatnonzero(first_seen < NEVER)
    server_distinct_ids, server_person_ids = (ids.take(used) for ids in server_ids(w))
    server_first_seen = first_seen[used]
    k = len(server_first_seen)
    server = pa.table(
        {
            "team_id": pa.array(np.full(k, TEAM_ID), type=pa.int32()),
            "distinct_id": server_distinct_ids,
            "person_id": server_person_ids,
            "properties": constant("{}", k),
            "person_distinct_id_version": pa.array(np.zeros(k, np.int64)),
            "person_version": pa.array(np.zeros(k, np.int64)),
            "created_at": timestamp_column(server_first_seen, False),
            "_inserted_at": timestamp_column(server_first_seen + HOUR, False),
            "is_deleted": pa.array(np.zeros(k, bool)),
        }
    )
    return pa.concat_tables([browser, server])


def zendesk_tables(w: World, c: Chunk, tickets: Frame, running: Running) -> Iterator[RawTable]:
    """Tickets (re-synced ones appear again, newer updated_at) and their requesters (Zendesk user
    ids continue from the previous chunk's)."""
    rng, tz = w.rng(c.stream("zendesk")), w.cfg.zendesk_timestamptz
    n = frame_len(tickets)
    created = tickets["ts"]
    updated = created + uniform_us(rng, 0, 2 * HOUR, n)
    synced = updated + uniform_us(rng, 5 * MINUTE, 6 * HOUR, n)
    synced += late_delay(rng, n, w.rates.late_rate)
    # requesters: one Zendesk user per product user who asked
    requester_users, requester = np.unique(tickets["user"], return_inverse=True)
    zendesk_user_id = 361_000_000 + running.next_zendesk_user + np.arange(len(requester_users))
    running.next_zendesk_user += len(requester_users)
    organization = 9_200_000 + np.arange(len(w.owners))
    organization[rng.random(len(w.owners)) < 0.1] = -1
    # via: web, api, email, chat; requests that came through the product are api (or chat)
    direct = choice(rng, (0.25, 0.0, 0.6, 0.15), n)
    via = np.where(tickets["from_event"], np.where(tickets["channel"] == 2, 3, 1), direct)
    subjects = pc.if_else(
        pa.array(rng.random(n) < 0.1),  # some subjects carry the requester's email
        pc.binary_join_element_wise("Request from ", w.user_emails.take(tickets["user"]), ""),
        string_array(TICKET_SUBJECTS).take(rng.integers(0, len(TICKET_SUBJECTS), n)),
    )
    first = {
        "id": tickets["ticket_id"],
        "created": created,
        "updated": updated,
        "status": choice(rng, (0.4, 0.4, 0.2), n),
        "priority": np.where(rng.random(n) < 0.2, -1, choice(rng, (0.3, 0.5, 0.15, 0.05), n)),
        "via": via,
        "requester": zendesk_user_id[requester],
        "organization": organization[tickets["tenant"]],
        "synced": synced,
        "subject": np.arange(n),
    }
    again = np.flatnonzero(rng.random(n) < w.rates.zendesk_resync_rate)
    resync = {name: values[again] for name, values in first.items()}
    resync["updated"] = resync["updated"] + uniform_us(rng, 2 * HOUR, 5 * DAY, len(again))
    resync["status"] = choice(rng, (0.0, 0.1, 0.2, 0.5, 0.2), len(again))
    resync["synced"] = resync["updated"] + uniform_us(rng, 5 * MINUTE, 6 * HOUR, len(again))
    rows = concat_frames([first, resync])
    rows = take_frame(rows, np.flatnonzero(rows["synced"] <= w.exported_at))  # in the snapshot
    organization_id = rows["organization"].astype(np.float64)
    organization_id[rows["organization"] < 0] = np.nan
    yield RawTable(
        "zendesk",
        "tickets",
        pa.table(
            {
                "id": pa.array(rows["id"], type=pa.int64()),
                "created_at": timestamp_column(rows["created"], tz),
                "updated_at": timestamp_column(rows["updated"], tz),
                "status": string_array(TICKET_STATUSES).take(rows["status"]),
                "priority": take(string_array(TICKET_PRIORITIES), rows["priority"]),
                "subject": subjects.take(rows["subject"]),
                "via_channel": string_array(("web", "api", "email", "chat")).take(rows["via"]),
                "requester_id": pa.array(rows["requester"], type=pa.int64()),
                "organization_id": int_column(organization_id),
                "_fivetran_synced": timestamp_column(rows["synced"], tz),
            }
        ),
    )
    k = len(requester_users)
    first_ticket = np.full(k, NEVER, dtype=np.int64)
    np.minimum.at(first_ticket, requester, created)
    last_ticket = np.full(k, w.start, dtype=np.int64)
    np.maximum.at(last_ticket, requester, created)
    external = np.where(rng.random(k) < w.rates.zendesk_null_external_id_rate, -1, requester_users)
    yield RawTable(
        "zendesk",
        "users",
        pa.table(
            {
                "id": pa.array(zendesk_user_id, type=pa.int64()),
                "email": w.user_emails.take(requester_users),
                "name": w.user_names.take(requester_users),
                "external_id": take(w.user_ids, external),
                "created_at": timestamp_column(first_ticket - uniform_us(rng, SECOND, HOUR, k), tz),
                "updated_at": timestamp_column(last_ticket, tz),
                "_fivetran_synced": timestamp_column(
                    last_ticket + uniform_us(rng, 5 * MINUTE, 6 * HOUR, k), tz
                ),
            }
        ),
    )


# ---------------------------------------------------------------------------------------------
# Writing: DuckDB (one transaction) or Parquet (one folder per table)
# ---------------------------------------------------------------------------------------------
class SchemaExistsError(RuntimeError):
    """A raw schema is already there and --replace was not given."""


class DuckDBSink:
    """Writes every table inside one transaction: a failed run leaves the warehouse untouched.
    A run in several chunks commits after each chunk instead (DuckDB holds a transaction's
    appends in memory, about 0.8 GB per million rows), and a failure drops the raw schemas it
    was writing: nothing half-written stays, but a --replace'd previous version is gone too."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.schemas: list[str] = []
        self.committed = False

    def existing(self, schemas: Sequence[str]) -> list[str]:
        if not self.path.exists():
            return []
        with duckdb.connect(str(self.path), read_only=True) as con:
            found = {
                row[0]
                for row in con.execute(
                    "select schema_name from duckdb_schemas() "
                    "where database_name = current_database()"
                ).fetchall()
            }
        return [schema for schema in schemas if schema in found]

    def open(self, schemas: Sequence[str], replace_existing: bool) -> None:
        self.schemas = list(schemas)
        self.committed = False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.created: set[tuple[str, str]] = set()
        self.con = duckdb.connect(str(self.path))
        self.con.execute("set enable_progress_bar = false")
        # appends stream to the file as row groups fill; cap the cache so that the generator's
        # own arrays (about 2 GiB per chunk) and DuckDB together stay far below 16 GB
        self.con.execute(f"set memory_limit = '{SINK_MEMORY_LIMIT}'")
        self.con.begin()
        for schema in schemas:
            if replace_existing:
                self.con.execute(f'drop schema if exists "{schema}" cascade')
            self.con.execute(f'create schema "{schema}"')

    def write(self, schema: str, name: str, data: pa.Table) -> None:
        batches = pa.Table.from_batches(
            data.to_batches(max_chunksize=DUCKDB_BATCH_ROWS), schema=data.schema
        )
        self.con.register("_raw_table", batches)
        if (schema, name) in self.created:
            # a later chunk may bring a Segment column that earlier chunks never saw: add it
            have = {
                row[0]
                for row in self.con.execute(
                    "select column_name from duckdb_columns() "
                    "where schema_name = ? and table_name = ?",
                    [schema, name],
                ).fetchall()
            }
            for column, kind, *_ in self.con.execute("describe _raw_table").fetchall():
                if column not in have:
                    table = f'"{schema}"."{name}"'
                    self.con.execute(f'alter table {table} add column "{column}" {kind}')
            self.con.execute(f'insert into "{schema}"."{name}" by name select * from _raw_table')
        else:
            self.con.execute(f'create table "{schema}"."{name}" as select * from _raw_table')
            self.created.add((schema, name))
        self.con.unregister("_raw_table")

    def checkpoint(self) -> None:
        """Commit what is written so far (between chunks) and go on in a new transaction."""
        self.con.commit()
        self.committed = True
        self.con.begin()

    def close(self, commit: bool) -> None:
        """Commit or roll back, and close; a second call does nothing."""
        con, self.con = self.con, None
        if con is None:
            return
        try:
            if commit:
                con.commit()
            else:
                con.rollback()
                if self.committed:  # earlier chunks are committed: drop the partial schemas
                    for schema in self.schemas:
                        con.execute(f'drop schema if exists "{schema}" cascade')
        finally:
            con.close()


class ParquetSink:
    """DIR/<schema>/<table>/part-NNNNN.parquet, built in a temporary folder, then moved in place."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    def existing(self, schemas: Sequence[str]) -> list[str]:
        return [schema for schema in schemas if (self.out_dir / schema).exists()]

    def open(self, schemas: Sequence[str], replace_existing: bool) -> None:
        self.schemas = list(schemas)
        self.replace_existing = replace_existing
        self.staging = self.out_dir / f".generate_raw_data-{os.getpid()}"
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)

    def checkpoint(self) -> None:
        """Parts are files already: nothing to do between chunks."""

    def write(self, schema: str, name: str, data: pa.Table) -> None:
        folder = self.staging / schema / name
        folder.mkdir(parents=True, exist_ok=True)
        part = len(list(folder.glob("part-*.parquet")))
        pq.write_table(data, folder / f"part-{part:05d}.parquet", row_group_size=1_000_000)

    def close(self, commit: bool) -> None:
        if commit:
            for schema in self.schemas:
                target = self.out_dir / schema
                if self.replace_existing:
                    shutil.rmtree(target, ignore_errors=True)
                built = self.staging / schema
                if built.exists():
                    built.rename(target)
                else:
                    target.mkdir()
        shutil.rmtree(self.staging, ignore_errors=True)


Sink = DuckDBSink | ParquetSink


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------
def log(message: str, quiet: bool) -> None:
    if not quiet:
        print(f"[generate_raw_data] {message}", file=sys.stderr, flush=True)


def users_for_target(cfg: GeneratorConfig, target_rows: int) -> int:
    """Number of users that yields about `target_rows` raw rows, from a small pilot run
    (row counts grow linearly with users at a fixed number of days)."""
    pilot = replace(cfg, users=PILOT_USERS)
    rows = sum(table.data.num_rows for table in generate_tables(pilot, chunk_users=PILOT_USERS))
    return max(1, round(target_rows * PILOT_USERS / max(rows, 1)))


CHECKPOINT = "checkpoint"  # queued between chunks: the writer commits the sink there


class BackgroundWriter:
    """Writes tables on a second thread, so that building the next table (numpy, Arrow) overlaps
    with the sink's work on the previous one. Holds at most one table in waiting."""

    def __init__(self, sink: Sink, quiet: bool) -> None:
        self.sink, self.quiet = sink, quiet
        self.counts: dict[str, int] = {}
        self.error: BaseException | None = None
        self.waiting: queue.Queue[tuple[str, str, pa.Table, float] | str | None] = queue.Queue(1)
        self.thread = threading.Thread(target=self._work, name="raw-writer", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        while (item := self.waiting.get()) is not None:
            if self.error is not None:
                continue  # drain the queue; the error is raised in the main thread
            if item == CHECKPOINT:
                try:
                    self.sink.checkpoint()
                except BaseException as error:  # noqa: BLE001 - re-raised by check()
                    self.error = error
                continue
            assert not isinstance(item, str)
            schema, name, data, built = item
            try:
                started = time.perf_counter()
                self.sink.write(schema, name, data)
                key = f"{schema}.{name}"
                part = "+" if key in self.counts else ""
                self.counts[key] = self.counts.get(key, 0) + data.num_rows
                log(
                    f"{key}: {part}{data.num_rows:,} rows "
                    f"(built {built:.1f} s, written {time.perf_counter() - started:.1f} s)",
                    self.quiet,
                )
            except BaseException as error:  # noqa: BLE001 - re-raised by check()
                self.error = error

    def check(self) -> None:
        if self.error is not None:
            raise self.error

    def put(self, schema: str, name: str, data: pa.Table, built: float) -> None:
        self.check()
        self.waiting.put((schema, name, data, built))

    def checkpoint(self) -> None:
        """Commit, in order after the tables put so far."""
        self.check()
        self.waiting.put(CHECKPOINT)

    def finish(self) -> dict[str, int]:
        """Wait for the writes, and raise the first write error if any."""
        if self.thread.is_alive():
            self.waiting.put(None)
            self.thread.join()
        self.check()
        return self.counts


def run(
    cfg: GeneratorConfig,
    sink: Sink,
    schemas: Schemas,
    *,
    replace_existing: bool = False,
    if_missing: bool = False,
    target_events: int | None = None,
    quiet: bool = False,
    chunk_users: int = CHUNK_USERS,
) -> dict[str, int]:
    """Generate and write every raw table. Returns rows per "schema.table" ({} when skipped).
    With target_events, cfg.users is replaced by the number of users that gives about that
    many raw rows. Events are generated `chunk_users` users at a time (bounded memory)."""
    wanted = schemas.names()
    existing = sink.existing(wanted)
    if if_missing and len(existing) == len(wanted):
        log(f"all raw schemas exist ({', '.join(wanted)}): nothing to do", quiet)
        return {}
    if existing and not replace_existing:
        raise SchemaExistsError(
            f"raw schema(s) {', '.join(existing)} already exist; pass --replace to drop and "
            "rewrite them (no other schema is touched)"
        )
    started = time.perf_counter()
    if target_events is not None:
        cfg = replace(cfg, users=users_for_target(cfg, target_events))
        log(f"--target-events {target_events:,}: {cfg.users:,} users", quiet)
    log(f"seed {cfg.seed}, {cfg.users:,} users, {cfg.days} days from {cfg.start}", quiet)
    sink.open(wanted, replace_existing)
    writer = BackgroundWriter(sink, quiet)

    def progress(chunk: Chunk) -> None:
        if chunk.index > 0:
            writer.checkpoint()
        if chunk.count > 1:
            done = sum(dict(writer.counts).values())  # a copy: the writer thread adds keys
            elapsed = time.perf_counter() - started
            log(
                f"chunk {chunk.index + 1}/{chunk.count}: {len(chunk.users):,} users, "
                f"{len(chunk.tenants):,} tenants ({done:,} rows written so far, {elapsed:.0f} s)",
                quiet,
            )

    try:
        clock = time.perf_counter()
        empty: set[str] = set()
        for table in generate_tables(cfg, chunk_users, progress):
            schema = getattr(schemas, table.source)
            if table.data.num_rows == 0 and table.source.startswith("segment"):
                empty.add(f"{schema}.{table.name}")
            else:
                writer.put(schema, table.name, table.data, time.perf_counter() - clock)
            clock = time.perf_counter()
        counts = writer.finish()
        for key in sorted(empty - counts.keys()):
            log(f"{key}: no rows, not created (as Segment does)", quiet)
        sink.close(commit=True)
    except BaseException:
        try:
            writer.finish()
        finally:
            sink.close(commit=False)
        raise
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    log(f"done: {total:,} raw rows in {elapsed:.1f} s ({total / elapsed:,.0f} rows/s)", quiet)
    return counts


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def build_parser() -> argparse.ArgumentParser:
    default_warehouse = os.environ.get("WAREHOUSE_PATH") or str(REPO_ROOT / "warehouse.duckdb")
    parser = argparse.ArgumentParser(
        description="Generate the raw sample data (every table of the raw data contract).",
        epilog="Mess rates and what they simulate: docs/sample_data.md",
    )
    where = parser.add_argument_group("where")
    where.add_argument("--format", choices=("duckdb", "parquet"), default="duckdb")
    where.add_argument(
        "--warehouse",
        type=Path,
        default=Path(default_warehouse),
        help="DuckDB file (default: $WAREHOUSE_PATH or warehouse.duckdb at the repo root)",
    )
    where.add_argument(
        "--out-dir", type=Path, help="--format parquet: write DIR/<schema>/<table>/*.parquet"
    )
    mode = where.add_mutually_exclusive_group()
    mode.add_argument(
        "--replace", action="store_true", help="drop and rewrite raw schemas that exist"
    )
    mode.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing (exit 0) when every raw schema already exists",
    )
    where.add_argument(
        "--segment-schemas",
        default="segment_web,segment_backend",
        help="browser and backend Segment schemas, comma-separated (dbt var segment_schemas)",
    )
    where.add_argument("--posthog-schema", default="posthog")
    where.add_argument("--zendesk-schema", default="zendesk")
    where.add_argument("--vercel-schema", default="vercel")

    size = parser.add_argument_group("what")
    size.add_argument("--seed", type=int, default=GeneratorConfig.seed)
    size.add_argument("--users", type=int, default=GeneratorConfig.users, help="signed-up users")
    size.add_argument("--days", type=int, default=GeneratorConfig.days)
    size.add_argument(
        "--start-date",
        type=parse_date,
        help=f"first day (default: {DEFAULT_END_DATE} minus --days)",
    )
    size.add_argument(
        "--target-events",
        type=int,
        help="pick --users so that about this many raw rows are written in total",
    )
    size.add_argument(
        "--timestamptz",
        action="store_true",
        help="write Segment timestamp columns as TIMESTAMPTZ (default TIMESTAMP)",
    )
    size.add_argument(
        "--zendesk-timestamp",
        choices=("timestamptz", "timestamp"),
        default="timestamptz",
        help="type of the Zendesk timestamp columns (a Fivetran-style loader writes timestamptz)",
    )
    size.add_argument(
        "--chunk-users",
        type=int,
        default=CHUNK_USERS,
        help="generate the events of this many users (whole tenants) at a time; memory grows "
        f"with it, not with --users (default {CHUNK_USERS:,}: about 2 GiB)",
    )
    size.add_argument("--quiet", action="store_true")

    mess = parser.add_argument_group("mess rates (see docs/sample_data.md)")
    for rate in fields(MessRates):
        mess.add_argument(
            "--" + rate.name.replace("_", "-"),
            type=type(rate.default),
            default=rate.default,
            help=f"{rate.metadata['help']} (default {rate.default})",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    segment = [name.strip() for name in args.segment_schemas.split(",") if name.strip()]
    if len(segment) != 2:
        parser.error("--segment-schemas takes two names: browser source, backend source")
    if args.format == "parquet" and args.out_dir is None:
        parser.error("--format parquet needs --out-dir")
    if args.users < 1 or args.days < 1 or (args.target_events or 1) < 1 or args.chunk_users < 1:
        parser.error("--users, --days, --target-events and --chunk-users must be at least 1")
    schemas = Schemas(
        segment[0], segment[1], args.posthog_schema, args.zendesk_schema, args.vercel_schema
    )
    if len(set(schemas.names())) != len(schemas.names()):
        parser.error("the five raw schemas must have distinct names")
    rates = MessRates(**{rate.name: getattr(args, rate.name) for rate in fields(MessRates)})
    cfg = GeneratorConfig(
        seed=args.seed,
        users=args.users,
        days=args.days,
        start_date=args.start_date,
        segment_timestamptz=args.timestamptz,
        zendesk_timestamptz=args.zendesk_timestamp == "timestamptz",
        rates=rates,
    )
    sink: Sink = (
        DuckDBSink(args.warehouse) if args.format == "duckdb" else ParquetSink(args.out_dir)
    )
    target = args.warehouse if args.format == "duckdb" else args.out_dir
    log(f"writing {', '.join(schemas.names())} to {target}", args.quiet)
    try:
        counts = run(
            cfg,
            sink,
            schemas,
            replace_existing=args.replace,
            if_missing=args.if_missing,
            target_events=args.target_events,
            quiet=args.quiet,
            chunk_users=args.chunk_users,
        )
    except SchemaExistsError as error:
        print(f"[generate_raw_data] error: {error}", file=sys.stderr)
        return 2
    if counts and not args.quiet:
        width = max(len(name) for name in counts)
        for name, rows in counts.items():
            print(f"  {name:<{width}}  {rows:>12,}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
