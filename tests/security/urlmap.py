"""Every named URL of the project, walked from Django's URL resolver, and how to fill its path
parameters with records of the security world. A pattern with a parameter this module does not know
makes `fill` raise Unmapped("add <name> to the access matrix"), so a new page cannot escape the tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sitroom.exchange.kinds import KINDS

from .world import World

# Web pages whose `pk` is one record: URL name -> model key of the security world.
WEB_RECORD_PARAM = {
    "source_detail": "source",
    "source_original": "source",
    "claim_goto": "claim",
    "claim_review": "claim",
    "observation_detail": "observation",
    "event_detail": "event",
    "activity_detail": "activity",
    "incident_detail": "event",
    "incident_position": "event",
    "incident_merge": "event",
    "consignment_detail": "consignment",
    "consignment_transition": "consignment",
    "shelter_detail": "shelter",
    "shelter_occupancy": "shelter",
    "hazardous_area_detail": "hazardousarea",
    "clearance_task_new": "hazardousarea",
    "reconstruction_status": "reconstructionobject",
    "site_detail": "site",
    "site_inspection": "site",
    "agreement_detail": "agreement",
    "agreement_term_status": "agreement",
}

# Pages that show one record and must answer 200 to someone who may see it.
DETAIL_PAGES = {
    "source_detail", "source_original", "observation_detail", "event_detail", "activity_detail", "incident_detail",
    "consignment_detail", "shelter_detail", "hazardous_area_detail", "site_detail", "agreement_detail",
}

# Pages reachable without logging in, and why.
ANONYMOUS_OK = {
    "login": "the login page itself",
    "healthz": "load balancer probe; answers only ok/unavailable",
}

# Endpoints that authenticate (a POST by anyone is their purpose).
AUTH_ENDPOINTS = {"login", "logout", "api-token"}


class Unmapped(LookupError):
    pass


@dataclass(frozen=True)
class Route:
    name: str  # as given to reverse(): "name" or "namespace:name"
    route: str
    params: tuple[str, ...]
    api: bool

    @property
    def bare_name(self) -> str:
        return self.name.split(":")[-1]

    @property
    def api_kind(self) -> str | None:
        """For router routes "<kind>-list", "<kind>-detail", "<kind>-<action>": the kind's name."""
        if not self.api:
            return None
        for kind in sorted(KINDS, key=len, reverse=True):
            if self.bare_name.startswith(kind + "-"):
                return kind
        return None

    @property
    def api_action(self) -> str | None:
        kind = self.api_kind
        return self.bare_name[len(kind) + 1:] if kind else None

    @property
    def record_model_key(self) -> str | None:
        """The model key of the record in the path, if the path names one."""
        if self.api_kind and "pk" in self.params:
            return KIND_MODEL_KEY.get(self.api_kind)
        return WEB_RECORD_PARAM.get(self.bare_name)

    @property
    def is_format_variant(self) -> bool:
        """The `.json` twin of an API route (same view): checked for reading, not again for writing."""
        return "format" in self.params and self.bare_name != "api-root"

    @property
    def is_action(self) -> bool:
        """A route that only acts (POST): review a claim, record a position, move a status..."""
        if self.api:
            return self.api_action not in (None, "list", "detail")
        return self.bare_name in WEB_RECORD_PARAM and self.bare_name not in DETAIL_PAGES and self.bare_name != "claim_goto"

    @property
    def id(self) -> str:
        return f"{self.name} {self.route}"


KIND_MODEL_KEY = {
    "sources": "source", "claims": "claim", "observations": "observation", "events": "event", "activities": "activity",
    "consignments": "consignment", "shelters": "shelter", "evacuations": "evacuation", "returns": "returnmovement",
    "hazardous-areas": "hazardousarea", "clearance-tasks": "clearancetask",
    "reconstruction-objects": "reconstructionobject", "sites": "site", "agreements": "agreement", "meetings": "meeting",
}
# Reference kinds carry no sensitivity: their detail routes are filled with a fixed object.
REFERENCE_KINDS = {"places", "organisations", "people", "indicators"}


def _params(pattern) -> tuple[str, ...]:
    return tuple(pattern.pattern.regex.groupindex)


def walk_routes(*, include_admin: bool = False) -> list[Route]:
    """Every named pattern (one Route per pattern, so format-suffix variants are separate)."""
    routes: list[Route] = []

    def walk(resolver, prefix: str, namespace: str | None, inherited: tuple[str, ...]):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x) or None
                yield from walk(p, prefix + str(p.pattern), ns, inherited + _params(p))
            elif isinstance(p, URLPattern) and p.name:
                yield Route(name=f"{namespace}:{p.name}" if namespace else p.name, route=prefix + str(p.pattern),
                            params=inherited + _params(p), api=prefix.startswith("api/"))

    for route in walk(get_resolver(), "", None, ()):
        if route.name.startswith("admin:") and not include_admin:
            continue
        routes.append(route)
    return routes


def fill(route: Route, world: World, variant: str = "public") -> dict[str, str | int]:
    """Path parameters for `route` pointing at the `variant` record of the world."""
    kwargs: dict[str, str | int] = {}
    for param in route.params:
        if param == "format":
            kwargs[param] = "json"
        elif param == "pk" and route.record_model_key:
            kwargs[param] = world.record(route.record_model_key, variant).pk
        elif param == "pk" and route.api_kind in REFERENCE_KINDS:
            kwargs[param] = _reference_object(route.api_kind, world).pk
        elif param == "term_pk" and route.record_model_key == "agreement":
            kwargs[param] = world.record("agreement", variant).terms.first().pk
        elif param == "code" and route.bare_name == "indicator_detail":
            kwargs[param] = world.extra["indicator"].code
        elif param == "kind" and route.bare_name == "api-export":
            kwargs[param] = "observations"
        else:
            raise Unmapped(f"add {route.name} ({route.route}, parameter {param!r}) to the access matrix "
                           f"(tests/security/urlmap.py)")
    return kwargs


def url_for(route: Route, world: World, variant: str = "public") -> str:
    return reverse(route.name, kwargs=fill(route, world, variant))


def _reference_object(kind: str, world: World):
    return {"places": world.extra["place"], "organisations": world.orgs["partner"], "indicators": world.extra["indicator"],
            "people": world.extra["person"]}[kind]
