"""Generate a large synthetic operation into a database, fast, for the benchmarks and the load test.

At scale 1.0: 2,000 places (the shipped gazetteer plus generated ones in the operation area),
organisations, 20,000 sources with claims, 1,000,000 observations, 100,000 events with places and
actors, 20,000 activities, and a few users (analyst, viewer, party analyst; password "bench-password").

Rows are written with bulk_create in batches inside transactions. The history tables
(django-simple-history) are NOT filled for these bulk rows: a benchmark needs the records, not an
audit trail of their generation. Records written later through the services get their history as usual.

Usage:
    .venv/bin/python bench/generate.py [--scale 1.0] [--seed 7]
The database is DATABASE_URL if set, else SITROOM_DATA_DIR's SQLite file if set, else a fresh SQLite
file in a new temporary directory (printed).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BENCH_PASSWORD = "bench-password"
START = dt.date(2020, 11, 10)
DAYS = 3 * 365
# The operation area (Karabakh and the surrounding districts), for generated places.
LAT_RANGE = (39.0, 40.6)
LON_RANGE = (45.4, 47.6)

FULL = {"places": 2000, "organizations": 150, "sources": 20_000, "observations": 1_000_000, "events": 100_000,
        "activities": 20_000}

OUTLETS = ["TASS", "RIA Novosti", "Armenpress", "APA", "AzerTAc", "Interfax", "News.am", "Report.az", "ICRC",
           "UNHCR", "OCHA", "Sputnik", "Anadolu"]
QUALIFIERS = ["", "", "", "about", "at least", "more than", "up to"]


def configure(data_dir: str | os.PathLike | None = None) -> Path:
    """Point Django at the benchmark database and start it. Returns the data directory used.
    Precedence: DATABASE_URL, then `data_dir`, then SITROOM_DATA_DIR, then a new temporary directory."""
    if data_dir is not None:
        os.environ["SITROOM_DATA_DIR"] = str(data_dir)
    elif not os.environ.get("SITROOM_DATA_DIR"):
        os.environ["SITROOM_DATA_DIR"] = tempfile.mkdtemp(prefix="sitroom-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitroom.settings")
    (Path(os.environ["SITROOM_DATA_DIR"]) / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    return Path(os.environ["SITROOM_DATA_DIR"])


def migrate_and_load_reference() -> None:
    from django.core.management import call_command

    from sitroom.reference.services import reference_load

    call_command("migrate", interactive=False, verbosity=0)
    reference_load()


@contextlib.contextmanager
def fast_sqlite() -> Iterator[None]:
    """On SQLite, trade durability for speed while generating (a crash means generating again)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA synchronous=OFF")
        cur.execute("PRAGMA cache_size=-200000")  # 200 MB
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")


@dataclass
class Generated:
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # role name -> username

    def report(self) -> str:
        lines = [f"  {name:<14} {self.counts.get(name, 0):>10,}  {self.timings.get(name, 0):7.1f} s"
                 for name in self.timings]
        return "\n".join(lines)


def _day(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randrange(DAYS))


def _when(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), tzinfo=dt.UTC)


def _bulk(model, rows: list, batch: int) -> list:
    from django.db import transaction

    out = []
    for i in range(0, len(rows), batch):
        with transaction.atomic():
            out.extend(model.objects.bulk_create(rows[i:i + batch], batch_size=batch))
    return out


class RowWriter:
    """Insert prepared rows into a model's table, bypassing the ORM's statement compiler (which spends
    about three quarters of bulk_create's time building SQL). SQLite: executemany of one prepared
    INSERT; PostgreSQL: COPY. Columns not given get the field's default. Ids are given explicitly, so
    related rows can point at them without reading them back; sequences are reset afterwards."""

    def __init__(self, model, fields: list[str]):
        from django.db import connection

        self.model = model
        self.connection = connection
        meta = model._meta
        by_attname = {f.attname: f for f in meta.concrete_fields}
        unknown = [f for f in fields if f not in by_attname]
        if unknown:
            raise ValueError(f"{model.__name__} has no column(s) {unknown}")
        self.fields = [by_attname[f] for f in fields]
        # An auto-increment id not given is left to the database.
        rest = [f for f in meta.concrete_fields if f.attname not in fields and not (f.primary_key and f.db_returning)]
        self.defaults = tuple(self._default(f) for f in rest)
        self.columns = [f.column for f in self.fields] + [f.column for f in rest]
        all_fields = self.fields + rest
        self.sqlite = connection.vendor == "sqlite"
        self.converters = [self._converter(f) for f in all_fields]

    @staticmethod
    def _default(field):
        if field.has_default():
            return field.get_default()
        if field.null:
            return None
        if field.get_internal_type() in ("CharField", "TextField", "SlugField", "URLField"):
            return ""
        raise ValueError(f"{field.model.__name__}.{field.name} needs a value (no default)")

    def _converter(self, field):
        kind = field.get_internal_type()
        if kind == "JSONField":
            return lambda v: None if v is None else json.dumps(v)
        if not self.sqlite:
            return None
        if kind == "DateTimeField":
            return lambda v: None if v is None else v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
        if kind == "DateField":
            return lambda v: None if v is None else v.isoformat()
        return None

    def write(self, rows) -> int:
        """Write an iterable of tuples (one value per given field, in order). Returns the count."""
        conv = [(i, c) for i, c in enumerate(self.converters) if c is not None]
        table = self.connection.ops.quote_name(self.model._meta.db_table)
        cols = ", ".join(self.connection.ops.quote_name(c) for c in self.columns)
        n = 0
        prepared = []
        for row in rows:
            full = list(row) + list(self.defaults)
            for i, c in conv:
                full[i] = c(full[i])
            prepared.append(full)
        with self.connection.cursor() as cursor:
            if self.sqlite:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", prepared)
            else:
                with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for full in prepared:
                        copy.write_row(full)
            n = len(prepared)
        return n


def next_id(model) -> int:
    return (model.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1


def reset_sequences(models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def generate(scale: float = 1.0, *, seed: int = 7, batch: int = 10_000, verbose: bool = False) -> Generated:
    """Fill the configured (migrated, reference-loaded) database with a synthetic operation of `scale`
    times the full size. Django must be set up first (see `configure`)."""
    from django.db import transaction

    from sitroom.accounts.models import User
    from sitroom.evidence.models import Claim, Source
    from sitroom.operations.models import Activity, ActivityStatus, Event, EventKind, Observation, Sector
    from sitroom.reference.models import Indicator, Organization, Place

    rng = random.Random(seed)
    result = Generated()
    want = {k: max(1, int(v * scale)) for k, v in FULL.items()}

    def step(name: str):
        class _Timer:
            def __enter__(self):
                self.t = time.perf_counter()

            def __exit__(self, *exc):
                result.timings[name] = time.perf_counter() - self.t
                if verbose:
                    print(f"  {name:<14} {result.counts.get(name, 0):>10,}  {result.timings[name]:7.1f} s", flush=True)
        return _Timer()

    with fast_sqlite():
        with step("places"):
            existing = Place.objects.count()
            region = Place.objects.filter(kind="region").first()
            new = [
                Place(key=f"gen-place-{i}", name=f"Settlement {i}", kind=rng.choice(["village", "village", "town", "post", "site"]),
                      parent=region, lat=round(rng.uniform(*LAT_RANGE), 5), lon=round(rng.uniform(*LON_RANGE), 5),
                      names={"en": [f"Settlement {i}"], "ru": [f"Посёлок {i}"], "hy": [f"Գյուղ {i}"], "az": [f"Kənd {i}"]})
                for i in range(max(0, want["places"] - existing))
            ]
            _bulk(Place, new, batch)
            places = list(Place.objects.values_list("id", flat=True))
            result.counts["places"] = len(places)

        with step("organizations"):
            kinds = ["ngo", "agency", "unit", "sub_centre", "donor", "media"]
            groups = ["partner", "partner", "public", "operation", "party"]
            new_orgs = [Organization(key=f"gen-org-{i}", name=f"Organisation {i}", short_name=f"ORG{i}", kind=rng.choice(kinds),
                                     access_group=rng.choice(groups)) for i in range(want["organizations"])]
            _bulk(Organization, new_orgs, batch)
            orgs = list(Organization.objects.values_list("id", flat=True))
            result.counts["organizations"] = len(orgs)

        with step("users"):
            ihrc = Organization.objects.filter(key="ihrc").first()
            am = Organization.objects.filter(key="am-government").first()
            for username, role, org in (("bench-analyst", "analyst", ihrc), ("bench-viewer", "viewer", ihrc),
                                        ("bench-party", "analyst", am), ("bench-admin", "admin", None)):
                user = User.objects.filter(username=username).first() or User(username=username)
                user.role, user.organization = role, org
                user.set_password(BENCH_PASSWORD)
                user.save()
                result.users[role if username != "bench-party" else "party"] = username
            analyst_id = User.objects.get(username="bench-analyst").pk

        indicators = list(Indicator.objects.exclude(code="other").values_list("id", "code", "unit"))
        ind_units = {i: u for i, _, u in indicators}
        ind_ids = list(ind_units)
        place_names = dict(Place.objects.values_list("id", "name"))
        sensitivities = ["public"] * 5 + ["partners"] * 4 + ["internal"]
        now = dt.datetime.now(dt.UTC)

        # Sources and their claims: each source states two figures, one event and one quote. Figure
        # claims get their observation (proposed, or verified once accepted) as ingest and review do.
        source_writer = RowWriter(Source, ["id", "content_hash", "original", "filename", "text", "title", "outlet",
                                           "published", "language", "received_at", "received_by_id", "sensitivity"])
        claim_writer = RowWriter(Claim, ["id", "source_id", "kind", "start", "end", "text", "payload", "status",
                                         "stage", "stage_version", "rule", "confidence", "reviewer_id", "reviewed_at",
                                         "created_at"])
        obs_writer = RowWriter(Observation, ["id", "indicator_id", "value", "qualifier", "unit", "date", "place_id",
                                             "organization_id", "verification", "claim_id", "source_id", "sensitivity",
                                             "created_at", "updated_at", "created_by_id", "note"])
        figure_obs: list[tuple] = []
        event_claims: list[tuple] = []
        with step("sources"):
            source_id, claim_id = next_id(Source), next_id(Claim)
            obs_id = next_id(Observation)
            n_sources = want["sources"]
            done = 0
            per_batch = max(1, batch // 4)
            while done < n_sources:
                n = min(per_batch, n_sources - done)
                sources, claims = [], []
                for k in range(n):
                    i = done + k
                    day = _day(rng)
                    received = _when(day, rng)
                    outlet = rng.choice(OUTLETS)
                    sensitivity = rng.choice(sensitivities)
                    text = f"{outlet}, {day.isoformat()}. "
                    figures = []
                    for _ in range(2):
                        ind_id, code, unit = rng.choice(indicators)
                        value = rng.randrange(1, 50_000)
                        pid = rng.choice(places)
                        phrase = f"{value:,} {unit}"
                        sentence = f"According to officials, {phrase} ({code}) were reported near {place_names[pid]}. "
                        start = len(text) + sentence.index(phrase)
                        text += sentence
                        figures.append((start, phrase, ind_id, code, unit, float(value), pid))
                    ev_place, ev_kind = rng.choice(places), rng.choice(EventKind.values)
                    ev_sentence = f"A {ev_kind.replace('_', ' ')} took place in {place_names[ev_place]} on {day:%d %B %Y}."
                    ev_start = len(text)
                    text += ev_sentence + " "
                    quote = '"The situation remains calm," a spokesperson said.'
                    q_start = len(text)
                    text += quote
                    sid = source_id
                    source_id += 1
                    sources.append((sid, hashlib.sha256(f"bench-{seed}-{i}-{text}".encode()).hexdigest(), text.encode(),
                                    f"bench-{i}.txt", text, f"{outlet} report {i}", outlet, day, "en", received,
                                    analyst_id, sensitivity))
                    for start, phrase, ind_id, code, unit, value, pid in figures:
                        status = rng.choice(["accepted", "accepted", "proposed", "proposed", "rejected"])
                        reviewed = status != "proposed"
                        payload = {"value": value, "qualifier": None, "unit": unit, "indicator": code, "what": code,
                                   "date_of_fact": day.isoformat(), "place": place_names[pid],
                                   "span": [start, start + len(phrase)], "text": phrase}
                        claims.append((claim_id, sid, "figure", start, start + len(phrase), phrase, payload, status,
                                       "figures", "bench", "bench.synthetic", 0.8, analyst_id if reviewed else None,
                                       received if reviewed else None, received))
                        if status != "rejected":
                            figure_obs.append((obs_id, ind_id, value, "", unit, day, pid, None,
                                               "verified" if status == "accepted" else "proposed", claim_id, sid,
                                               sensitivity, received, now, analyst_id, ""))
                            obs_id += 1
                        claim_id += 1
                    status = rng.choice(["accepted", "proposed"])
                    claims.append((claim_id, sid, "event", ev_start, ev_start + len(ev_sentence), ev_sentence,
                                   {"kind": ev_kind, "what": ev_sentence, "date": day.isoformat(),
                                    "places": [place_names[ev_place]], "actors": [],
                                    "span": [ev_start, ev_start + len(ev_sentence)], "text": ev_sentence},
                                   status, "events", "bench", "bench.synthetic", 0.7,
                                   analyst_id if status == "accepted" else None, received if status == "accepted" else None,
                                   received))
                    if status == "accepted":
                        event_claims.append((claim_id, sid, ev_kind, day, ev_place, sensitivity))
                    claim_id += 1
                    claims.append((claim_id, sid, "quote", q_start, q_start + len(quote), quote,
                                   {"speaker": "a spokesperson", "text": quote, "span": [q_start, q_start + len(quote)]},
                                   "proposed", "quotes", "bench", "bench.synthetic", 0.6, None, None, received))
                    claim_id += 1
                with transaction.atomic():
                    source_writer.write(sources)
                    claim_writer.write(claims)
                done += n
            result.counts["sources"] = done
            result.counts["claims"] = claim_id - next_id(Claim) + Claim.objects.count()

        # Observations: first the figure claims' (the claim is the evidence), then direct entries and
        # workflow-fed values spread over places, organisations and three years.
        with step("observations"):
            n_obs = max(want["observations"], len(figure_obs))
            done = 0
            while done < n_obs:
                rows = []
                for _ in range(min(batch, n_obs - done)):
                    if done < len(figure_obs):
                        rows.append(figure_obs[done])
                    else:
                        day = _day(rng)
                        ind_id = rng.choice(ind_ids)
                        rows.append((obs_id, ind_id, float(rng.randrange(0, 100_000)), rng.choice(QUALIFIERS),
                                     ind_units[ind_id], day, rng.choice(places) if rng.random() < 0.9 else None,
                                     rng.choice(orgs) if rng.random() < 0.7 else None,
                                     "verified" if rng.random() < 0.6 else "proposed", None, None,
                                     rng.choice(sensitivities), _when(day, rng), now, analyst_id,
                                     "" if rng.random() < 0.8 else "entered from a field report"))
                        obs_id += 1
                    done += 1
                with transaction.atomic():
                    obs_writer.write(rows)
            result.counts["observations"] = done

        with step("events"):
            event_writer = RowWriter(Event, ["id", "kind", "incident_kind", "title", "date", "killed_civilian",
                                             "injured_military", "verification", "reported_by_id", "claim_id",
                                             "source_id", "sensitivity", "created_at", "updated_at", "created_by_id"])
            places_writer = RowWriter(Event.places.through, ["event_id", "place_id"])
            actors_writer = RowWriter(Event.actors.through, ["event_id", "organization_id"])
            event_id = next_id(Event)
            n_events = want["events"]
            done = 0
            while done < n_events:
                events, event_places, event_actors = [], [], []
                for _ in range(min(batch, n_events - done)):
                    if done < len(event_claims):
                        cid, sid, kind, day, pid, sens = event_claims[done]
                    else:
                        cid = sid = None
                        kind, day, pid = rng.choice(EventKind.values), _day(rng), rng.choice(places)
                        sens = rng.choice(sensitivities)
                    incident = kind == "incident"
                    events.append((event_id, kind, rng.choice(["shelling", "shooting", "mine", "drone"]) if incident else "",
                                   f"{kind.replace('_', ' ').capitalize()} near {place_names[pid]}", day,
                                   rng.choice([0, 0, 0, 1, 2]) if incident else 0, rng.choice([0, 0, 1]) if incident else 0,
                                   rng.choice(["unverified", "confirmed", "disputed"]), rng.choice(orgs), cid, sid, sens,
                                   _when(day, rng), now, analyst_id))
                    event_places.append((event_id, pid))
                    other = rng.choice(places)
                    if other != pid and rng.random() < 0.2:
                        event_places.append((event_id, other))
                    if rng.random() < 0.5:
                        event_actors.append((event_id, rng.choice(orgs)))
                    event_id += 1
                    done += 1
                with transaction.atomic():
                    event_writer.write(events)
                    places_writer.write(event_places)
                    actors_writer.write(event_actors)
            result.counts["events"] = done

        with step("activities"):
            activity_writer = RowWriter(Activity, ["title", "organization_id", "sector", "place_id", "start", "end", "status",
                                                   "progress_value", "target_value", "progress_unit", "sensitivity",
                                                   "created_at", "updated_at", "created_by_id"])
            rows = []
            for i in range(want["activities"]):
                day = _day(rng)
                sector = rng.choice(Sector.values)
                rows.append((f"{sector.capitalize()} activity {i}", rng.choice(orgs), sector, rng.choice(places), day,
                             day + dt.timedelta(days=rng.randrange(10, 200)), rng.choice(ActivityStatus.values),
                             float(rng.randrange(0, 1000)), 1000.0, "units", rng.choice(sensitivities), _when(day, rng),
                             now, analyst_id))
            with transaction.atomic():
                activity_writer.write(rows)
            result.counts["activities"] = len(rows)

        reset_sequences([Source, Claim, Observation, Event, Event.places.through, Event.actors.through, Activity])

    from django.db import connection

    with step("analyze"), connection.cursor() as cur:
        cur.execute("ANALYZE")
    return result


def already_generated() -> bool:
    from sitroom.operations.models import Observation

    return Observation.objects.filter(created_by__username="bench-analyst").exists()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (1.0 = 1,000,000 observations)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--data-dir", help="SQLite data directory (default: SITROOM_DATA_DIR or a new temporary one)")
    args = parser.parse_args(argv)
    data_dir = configure(args.data_dir)
    from django.db import connection

    where = os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir / 'sitroom.sqlite3'}"
    print(f"generating scale {args.scale} into {where}", flush=True)
    t0 = time.perf_counter()
    migrate_and_load_reference()
    print(f"  {'migrate+ref':<14} {'':>10}  {time.perf_counter() - t0:7.1f} s", flush=True)
    if already_generated():
        print("the database already holds a generated operation; nothing to do")
        return 0
    result = generate(args.scale, seed=args.seed, batch=args.batch, verbose=True)
    total = time.perf_counter() - t0
    print(f"done in {total:.1f} s on {connection.vendor}; claims: {result.counts.get('claims', 0):,}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    sys.exit(main())
