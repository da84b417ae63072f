"""CDS Hooks 2.0 service and FHIR routes (registered from app.py with `fhir_routes(endpoint)`).

Routes
  GET  /cds-services                      discovery: the patient-view service and its prefetch templates
  POST /cds-services/spinekg-patient-view the patient-view hook: cards for what spinekg finds (read-only:
                                          the record is reasoned in memory, nothing is stored)
  GET  /cds-explanations/{token}          the explanation a card links to (kept in memory for an hour)
  GET  /cases/{id}/fhir                   a stored case's conclusions as a FHIR R4 Bundle

Security follows the specification's model (CDS Hooks 2.0, "Trusting CDS Clients"): every call to
/cds-services carries `Authorization: Bearer <JWT>` signed by a client configured at start-up
(`spinekg serve --cds-client ISSUER=JWKS`, the JWK Set a file or URL read once). The JWT must name a
configured `iss`, a `kid` of that client's key set, an asymmetric `alg` (never `none` or HMAC), the
service URL as `aud`, and `exp`, `iat` and a `jti` not seen before (replays are refused).
"""
from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .execution import HttpError

log = logging.getLogger("spinekg.server.cds")

SERVICE_ID = "spinekg-patient-view"
HOOK = "patient-view"
ASYMMETRIC = {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"}
PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
    "observations": "Observation?patient={{context.patientId}}",
    "procedures": "Procedure?patient={{context.patientId}}",
    "devices": "Device?patient={{context.patientId}}",
    "bodyStructures": "BodyStructure?patient={{context.patientId}}",
    "imagingStudies": "ImagingStudy?patient={{context.patientId}}",
    "reports": "DiagnosticReport?patient={{context.patientId}}",
}
FHIR_JSON = "application/fhir+json"
EXPLANATION_TTL = 3600.0
MAX_HOOK_BYTES = 5_000_000


@dataclass
class CdsClient:
    """A CDS client trusted at start-up: its issuer and its public keys (a JWK Set)."""

    issuer: str
    keys: dict[str, Any]  # kid -> jwt.PyJWK
    source: str


@dataclass
class CdsSettings:
    clients: dict[str, CdsClient] = field(default_factory=dict)
    public_url: str | None = None


def load_clients(specs: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> dict[str, CdsClient]:
    """Read each client's JWK Set (a file path or an http(s) URL) once; raise ValueError with a clear message."""
    import httpx
    from jwt import PyJWKSet
    from jwt.exceptions import PyJWKSetError

    out: dict[str, CdsClient] = {}
    for issuer, source in specs:
        try:
            if source.startswith(("http://", "https://")):
                text = httpx.get(source, timeout=10).raise_for_status().text
            else:
                with open(source, encoding="utf-8") as fh:
                    text = fh.read()
            jwks = PyJWKSet.from_json(text)
        except (OSError, httpx.HTTPError) as exc:
            raise ValueError(f"--cds-client {issuer}: cannot read the JWK Set {source}: {exc}") from None
        except (PyJWKSetError, ValueError) as exc:
            raise ValueError(f"--cds-client {issuer}: {source} is not a JWK Set: {exc}") from None
        keys = {k.key_id: k for k in jwks.keys if k.key_id}
        if not keys:
            raise ValueError(f"--cds-client {issuer}: the JWK Set {source} has no key with a 'kid'")
        out[issuer] = CdsClient(issuer, keys, source)
    return out


class _Seen:
    """jti values already accepted, until their token expires (replay protection)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.until: dict[str, float] = {}

    def first_use(self, key: str, exp: float) -> bool:
        now = time.time()
        with self.lock:
            for k in [k for k, t in self.until.items() if t < now]:
                del self.until[k]
            if key in self.until:
                return False
            self.until[key] = exp
            return True


class _Explanations:
    """Explanations that cards link to, by an unguessable token, for an hour (memory only)."""

    def __init__(self, size: int = 256) -> None:
        self.lock = threading.Lock()
        self.items: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self.size = size

    def put(self, text: str) -> str:
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.items[token] = (time.time() + EXPLANATION_TTL, text)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return token

    def get(self, token: str) -> str | None:
        with self.lock:
            item = self.items.get(token)
        if item is None or item[0] < time.time():
            return None
        return item[1]


class CdsService:
    """The CDS Hooks handlers over the server's Endpoint (its knowledge graph and config)."""

    def __init__(self, ep: Any, settings: CdsSettings):
        self.ep = ep
        self.settings = settings
        self.seen = _Seen()
        self.explanations = _Explanations()

    # --- security ---
    def base_url(self, request: Request) -> str:
        if self.settings.public_url:
            return self.settings.public_url.rstrip("/")
        return f"{request.url.scheme}://{request.url.netloc}"

    def authenticate(self, request: Request, audience: str) -> str:
        """Check the request's JWT; return the client's issuer or raise 401."""
        import jwt

        challenge = {"WWW-Authenticate": 'Bearer realm="spinekg-cds"'}
        if not self.settings.clients:
            raise HttpError(401, "no CDS client is configured: start the server with "
                                 "`spinekg serve --cds-client ISSUER=JWKS` (a JWK Set file or URL)", challenge)
        scheme, _, token = request.headers.get("authorization", "").strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HttpError(401, "CDS Hooks calls need 'Authorization: Bearer <JWT>' signed by a configured client",
                            challenge)
        bad = {"WWW-Authenticate": 'Bearer realm="spinekg-cds", error="invalid_token"'}
        token = token.strip()
        try:
            header = jwt.get_unverified_header(token)
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise HttpError(401, f"the bearer token is not a JWT: {exc}", bad) from None
        alg, kid = header.get("alg"), header.get("kid")
        if alg not in ASYMMETRIC:
            raise HttpError(401, f"JWT alg {alg!r} refused: CDS Hooks JWTs are signed with an asymmetric "
                                 "algorithm (ES384 or RS384 recommended), never 'none' or HMAC", bad)
        iss = claims.get("iss")
        client = self.settings.clients.get(iss) if isinstance(iss, str) else None
        if client is None:
            raise HttpError(401, f"JWT issuer {claims.get('iss')!r} is not a configured CDS client", bad)
        key = client.keys.get(kid) if isinstance(kid, str) else None
        if key is None:
            raise HttpError(401, f"JWT kid {kid!r} is not in the JWK Set of {client.issuer}", bad)
        declared = getattr(key, "algorithm_name", None)  # the JWK's alg, or the one its key type implies
        if declared and declared != alg:
            raise HttpError(401, f"JWT alg {alg} does not match the key {kid!r}, which is for {declared}", bad)
        try:
            verified = jwt.decode(token, key.key, algorithms=[alg], audience=audience, issuer=client.issuer,
                                  leeway=60, options={"require": ["iss", "aud", "exp", "iat", "jti"]})
        except jwt.InvalidAudienceError:
            raise HttpError(401, f"JWT aud must be this service's URL {audience}", bad) from None
        except (jwt.PyJWTError, TypeError, ValueError) as exc:  # a key of another type raises TypeError
            raise HttpError(401, f"JWT refused: {exc or type(exc).__name__}", bad) from None
        if not self.seen.first_use(f"{client.issuer} {verified['jti']}", float(verified["exp"]) + 60):
            raise HttpError(401, "JWT refused: its jti was already used (replay)", bad)
        return client.issuer

    # --- discovery ---
    async def discovery(self, request: Request) -> Response:
        self.authenticate(request, self.base_url(request) + "/cds-services")
        service = {"hook": HOOK, "title": "spinekg: postoperative spinal instrumentation",
                   "description": "Reasons over the patient's spinal fusion hardware, imaging findings and risk factors "
                                  "(FHIR R4) and returns a card when it finds a hardware complication, a revision-evaluation "
                                  "indication or an elevated non-union risk, with the reasons and the evidence.",
                   "id": SERVICE_ID, "prefetch": PREFETCH,
                   "usageRequirements": "Codes: SNOMED CT, LOINC and DICOM as listed by spinekg (spinekg/fhir/codes.tsv), "
                                        "or spinekg's code system https://w3id.org/spinekg/."}
        return JSONResponse({"services": [service]})

    # --- the hook ---
    async def patient_view(self, request: Request) -> Response:
        from .app import _body

        if request.path_params["service"] != SERVICE_ID:
            raise HttpError(404, f"no CDS service '{request.path_params['service']}' (GET /cds-services lists them)")
        self.authenticate(request, f"{self.base_url(request)}/cds-services/{SERVICE_ID}")
        raw = await _body(request, MAX_HOOK_BYTES)
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise HttpError(400, f"the hook request is not JSON: {exc}") from None
        pid = _check_request(body)
        resources = await self._resources(body, pid)
        answer = await self.ep.runner.run(lambda cancel: self._evaluate(request, body, pid, resources),
                                          timeout=None, what="CDS hook")
        return JSONResponse(answer)

    async def _resources(self, body: dict[str, Any], pid: str) -> list[dict[str, Any]]:
        prefetch = body.get("prefetch") or {}
        out: list[dict[str, Any]] = []
        missing: list[str] = []
        for key in PREFETCH:
            if key not in prefetch:
                missing.append(key)
                continue
            value = prefetch[key]
            if value is None:
                continue  # the client has no data for this template
            if not isinstance(value, dict) or "resourceType" not in value:
                raise HttpError(400, f"prefetch.{key} must be a FHIR resource or null")
            if value["resourceType"] == "OperationOutcome":
                missing.append(key)  # the client could not prefetch it: fetch it ourselves
            elif value["resourceType"] == "Bundle":
                out.extend(e["resource"] for e in value.get("entry") or [] if isinstance(e, dict)
                           and isinstance(e.get("resource"), dict) and e["resource"].get("resourceType") != "OperationOutcome")
            else:
                out.append(value)
        if missing:
            out.extend(await self._fetch(body, pid, missing))
        return out

    async def _fetch(self, body: dict[str, Any], pid: str, keys: list[str]) -> list[dict[str, Any]]:
        """What the prefetch lacked, from the client's FHIR server with the access token it gave (fhirpy)."""
        server, auth = body.get("fhirServer"), body.get("fhirAuthorization")
        if not server or not auth:
            raise HttpError(412, f"the prefetch lacks {', '.join(keys)} and the request gives no fhirServer with "
                                 "fhirAuthorization to fetch them from")
        from fhirpy import AsyncFHIRClient

        client = AsyncFHIRClient(server, authorization=f"Bearer {auth['access_token']}",
                                 aiohttp_config={"timeout": __import__("aiohttp").ClientTimeout(total=20)})
        out: list[dict[str, Any]] = []
        try:
            for key in keys:
                rtype = PREFETCH[key].split("/", 1)[0].split("?", 1)[0]
                if key == "patient":
                    res = await client.reference("Patient", pid).to_resource()
                    out.append(res.serialize())
                else:
                    found = await client.resources(rtype).search(patient=pid).fetch_all()
                    out.extend(r.serialize() for r in found)
        except Exception as exc:  # network, HTTP status or a malformed answer: the data could not be had
            log.info("FHIR fetch from %s failed: %s", server, exc)
            raise HttpError(412, f"could not fetch {', '.join(keys)} from {server}: {type(exc).__name__}: {exc}") from None
        return out

    def _evaluate(self, request: Request, body: dict[str, Any], pid: str, resources: list[dict[str, Any]]) -> dict:
        from rdflib import Graph

        from ..cases import CaseError
        from ..fhir.cards import SOURCE_LABEL, cards
        from ..fhir.conclusions import case_conclusions
        from ..fhir.to_case import bundle_to_case
        from ..reasoning import CaseInput, reason_cases
        from ..reasoning.explain import explain

        seen: set[tuple[str, str]] = set()
        entries = []
        for r in resources:
            key = (str(r.get("resourceType")), str(r.get("id")))
            if key not in seen:
                seen.add(key)
                entries.append({"resource": r})
        if not any(r.get("resourceType") == "Patient" for r in resources):
            raise HttpError(412, f"no Patient resource for {pid} in the prefetch or from the FHIR server")
        bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
        try:
            fc = bundle_to_case(bundle, label="prefetch", source=body.get("fhirServer"))
        except CaseError as exc:
            detail = "\n".join(f"- {p.path}: {p.message}" if p.path else f"- {p.message}" for p in exc.problems[:20])
            return {"cards": [{"summary": f"spinekg could not evaluate this record ({len(exc.problems)} problem(s))",
                               "indicator": "info", "detail": detail, "source": {"label": SOURCE_LABEL}}]}
        inferred = Graph()
        text = reason_cases([CaseInput(fc.case_id, fc.loaded.ntriples)])[fc.case_id]
        if text:
            inferred.parse(data=text, format="nt")
        conclusions = case_conclusions(fc.loaded.graph, inferred)
        url = None
        if conclusions:
            token = self.explanations.put(explain(fc.loaded.graph, inferred))
            url = f"{self.base_url(request)}/cds-explanations/{token}"
        out = cards(conclusions, explanation_url=url)
        log.info("CDS %s %s: %d card(s)", HOOK, body.get("hookInstance"), len(out))
        return {"cards": out}

    async def explanation(self, request: Request) -> Response:
        text = self.explanations.get(request.path_params["token"])
        if text is None:
            raise HttpError(404, "no such explanation (they are kept for an hour after the card)")
        return PlainTextResponse(text, headers={"Cache-Control": "no-store"})


def _check_request(body: Any) -> str:
    """Check a patient-view hook request (CDS Hooks 2.0, 'Calling a CDS Service'); return the patient id."""
    if not isinstance(body, dict):
        raise HttpError(400, "the hook request must be a JSON object")
    if body.get("hook") != HOOK:
        raise HttpError(400, f"'hook' must be '{HOOK}' for this service, not {body.get('hook')!r}")
    if not isinstance(body.get("hookInstance"), str) or not body["hookInstance"].strip():
        raise HttpError(400, "'hookInstance' is required: a UUID for this hook call")
    context = body.get("context")
    if not isinstance(context, dict):
        raise HttpError(400, "'context' is required: an object with 'patientId' (and 'userId')")
    pid = context.get("patientId")
    if not isinstance(pid, str) or not pid.strip():
        raise HttpError(400, "'context.patientId' is required: the FHIR id of the patient being viewed")
    if "fhirServer" in body:
        server = body["fhirServer"]
        parts = urlsplit(server) if isinstance(server, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise HttpError(400, f"'fhirServer' must be the FHIR server's base URL, not {server!r}")
    if "fhirAuthorization" in body:
        auth = body["fhirAuthorization"]
        if "fhirServer" not in body:
            raise HttpError(400, "'fhirAuthorization' needs 'fhirServer'")
        if not isinstance(auth, dict) or not isinstance(auth.get("access_token"), str) \
                or auth.get("token_type") != "Bearer":
            raise HttpError(400, "'fhirAuthorization' needs 'access_token' and 'token_type': 'Bearer'")
    if "prefetch" in body and not isinstance(body["prefetch"], dict):
        raise HttpError(400, "'prefetch' must be an object of prefetch keys")
    return pid


async def case_fhir(ep: Any, request: Request) -> Response:
    """GET /cases/{id}/fhir: a stored case's conclusions as a FHIR R4 Bundle."""
    from ..fhir.export import case_bundle

    cid = request.path_params["case_id"]
    if not ep.kg.has_case(cid):
        raise HttpError(404, f"no case '{cid}' in the store")
    bundle = await ep.runner.run(lambda cancel: case_bundle(ep.kg, cid), what="FHIR export")
    return Response(json.dumps(bundle, ensure_ascii=False), media_type=FHIR_JSON)


def read_fhir_case(text: str, label: str) -> Any:
    """POST /cases with application/fhir+json: the Bundle's case, validated (format and SHACL)."""
    from ..fhir.to_case import bundle_text_to_case

    return bundle_text_to_case(text, label=label).loaded


def fhir_routes(ep: Any, wrap: Any) -> list[Route]:
    """The CDS Hooks and FHIR routes over an Endpoint; `wrap` turns HttpError into responses."""
    settings = CdsSettings(load_clients(ep.config.cds_clients), ep.config.public_url)
    cds = CdsService(ep, settings)
    ep.cds = cds

    async def fhir_export(request: Request) -> Response:
        return await case_fhir(ep, request)

    return [
        Route("/cds-services", wrap(cds.discovery), methods=["GET"]),
        Route("/cds-services/{service}", wrap(cds.patient_view), methods=["POST"]),
        Route("/cds-explanations/{token}", wrap(cds.explanation), methods=["GET"]),
        Route("/cases/{case_id}/fhir", wrap(fhir_export), methods=["GET"]),
    ]


__all__ = ["FHIR_JSON", "PREFETCH", "SERVICE_ID", "CdsService", "fhir_routes", "load_clients", "read_fhir_case"]
