"""CDS Hooks 2.0 on a real `spinekg serve` (issue 16): discovery, patient-view with and without prefetch,
the fhirServer fetch path against fhirsnake (a FHIR server from PyPI) started here, JWT checks, bad bodies,
and the FHIR routes of /cases.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm

from helpers import TOKEN, running_server

DATA = Path(__file__).parent / "data" / "fhir"
ISS = "https://ehr.example.org"
KID = "ehr-key-1"
SERVICE = "/cds-services/spinekg-patient-view"
TEMPLATES = {"patient": "Patient", "conditions": "Condition", "observations": "Observation",
             "procedures": "Procedure", "devices": "Device", "bodyStructures": "BodyStructure",
             "imagingStudies": "ImagingStudy", "reports": "DiagnosticReport"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    private = ec.generate_private_key(ec.SECP384R1())
    jwk = ECAlgorithm.to_jwk(private.public_key(), as_dict=True)
    jwk.update(kid=KID, use="sig", alg="ES384")
    path = tmp_path_factory.mktemp("jwks") / "jwks.json"
    path.write_text(json.dumps({"keys": [jwk]}), encoding="utf-8")
    return private, path


@pytest.fixture(scope="module")
def server(keys, tmp_path_factory):
    from spinekg import KnowledgeGraph

    store = tmp_path_factory.mktemp("store")
    kg = KnowledgeGraph.open(store)
    kg.load([Path(__file__).parent.parent / "kb" / "cases" / "radiopaedia-connector-failure.yaml"])
    kg.close()
    with running_server(store, "--cds-client", f"{ISS}={keys[1]}", "--allow-updates", "--token", TOKEN,
                        log_dir=tmp_path_factory.mktemp("log")) as srv:
        yield srv


def token(keys, aud: str, **over) -> str:
    now = int(time.time())
    claims = {"iss": ISS, "aud": aud, "exp": now + 300, "iat": now, "jti": str(uuid.uuid4())}
    claims.update(over.pop("claims", {}))
    headers = {"kid": KID, "typ": "JWT", **over.pop("headers", {})}
    return jwt.encode(claims, over.pop("key", keys[0]), algorithm=over.pop("alg", "ES384"), headers=headers)


def bearer(t: str) -> dict:
    return {"Authorization": f"Bearer {t}"}


def prefetch_of(name: str) -> dict:
    """What an EHR would prefetch for the templates, from a test Bundle (searchset Bundles, Patient alone)."""
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    out: dict = {}
    for key, rtype in TEMPLATES.items():
        found = [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == rtype]
        if key == "patient":
            out[key] = found[0]
        else:
            out[key] = {"resourceType": "Bundle", "type": "searchset", "total": len(found),
                        "entry": [{"resource": r} for r in found]} if found else None
    return out


def hook(pid: str, prefetch: dict | None = None, **extra) -> dict:
    body = {"hookInstance": str(uuid.uuid4()), "hook": "patient-view",
            "context": {"userId": "Practitioner/example", "patientId": pid}, **extra}
    if prefetch is not None:
        body["prefetch"] = prefetch
    return body


def call(server, keys, body) -> httpx.Response:
    aud = server.url + SERVICE
    return httpx.post(aud, json=body, headers=bearer(token(keys, aud)), timeout=120)


# --- discovery -----------------------------------------------------------------------------------------
def test_discovery_lists_the_patient_view_service_with_prefetch_templates(server, keys):
    aud = server.url + "/cds-services"
    r = httpx.get(aud, headers=bearer(token(keys, aud)))
    assert r.status_code == 200
    [svc] = r.json()["services"]
    assert svc["hook"] == "patient-view" and svc["id"] == "spinekg-patient-view" and svc["description"]
    assert svc["prefetch"]["patient"] == "Patient/{{context.patientId}}"
    assert svc["prefetch"]["devices"] == "Device?patient={{context.patientId}}"


# --- patient-view --------------------------------------------------------------------------------------
def test_published_case_gets_one_warning_card(server, keys):
    r = call(server, keys, hook("rp-55f", prefetch_of("radiopaedia-connector-failure")))
    assert r.status_code == 200, r.text
    [card] = r.json()["cards"]
    assert card["summary"].startswith("Revision evaluation indicated: ") and len(card["summary"]) < 140
    assert "hardware failure" in card["summary"] and "loosening of 2 screws" in card["summary"]
    assert card["indicator"] == "warning"
    assert card["source"]["label"].startswith("spinekg")
    detail = card["detail"]
    assert "0.508" in detail and "0.05" in detail  # the per-screw pretest (issue 13)
    assert "https://doi.org/10.1007/s00586-013-3080-2" in detail  # Aghayev 2014
    assert "DiagnosticReport/ct-report" in detail
    [link] = card["links"]
    assert link["type"] == "absolute"
    explanation = httpx.get(link["url"])
    assert explanation.status_code == 200 and "by rule connector-failure" in explanation.text


def test_no_card_where_nothing_is_found(server, keys):
    r = call(server, keys, hook("clean-58m", prefetch_of("example-clean-followup")))
    assert r.status_code == 200 and r.json() == {"cards": []}


def test_prefetch_keys_set_to_null_mean_no_data(server, keys):
    pre = dict.fromkeys(TEMPLATES)
    pre["patient"] = {"resourceType": "Patient", "id": "nobody", "gender": "female", "birthDate": "1950-01-01"}
    r = call(server, keys, hook("nobody", pre))
    assert r.status_code == 200 and r.json() == {"cards": []}


def test_calls_are_read_only(server, keys):
    call(server, keys, hook("rp-55f", prefetch_of("radiopaedia-connector-failure")))
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT ?id WHERE { ?c skg:caseId ?id }"},
                  headers={"Accept": "application/sparql-results+json"})
    ids = {b["id"]["value"] for b in r.json()["results"]["bindings"]}
    assert ids == {"radiopaedia-connector-failure"}


def test_without_prefetch_or_fhir_server_answers_412(server, keys):
    r = call(server, keys, hook("rp-55f"))
    assert r.status_code == 412 and "fhirServer" in r.text


def test_unreachable_fhir_server_answers_412(server, keys):
    body = hook("rp-55f", fhirServer=f"http://127.0.0.1:{_free_port()}/fhir",
                fhirAuthorization={"access_token": "t", "token_type": "Bearer", "expires_in": 300,
                                   "scope": "user/*.read", "subject": "spinekg"})
    r = call(server, keys, body)
    assert r.status_code == 412 and "could not fetch" in r.text


# --- the fhirServer fetch path, against a FHIR server installed from PyPI -------------------------------
@pytest.fixture(scope="module")
def fhirsnake(tmp_path_factory):
    """fhirsnake (PyPI: a FHIR server serving resource files) in its own venv, on 127.0.0.1."""
    venv = Path(sys.prefix) / "fhirsnake-venv"
    py = venv / "bin" / "python"
    if not py.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
        pip = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "fhirsnake==1.1.0"], capture_output=True,
                             text=True, timeout=600) if made.returncode == 0 else made
        if pip.returncode != 0:
            pytest.skip(f"fhirsnake could not be installed from PyPI: {pip.stderr[-300:]}")
    pkg = subprocess.run([str(py), "-c", "import fhirsnake, os; print(os.path.dirname(fhirsnake.__file__))"],
                         capture_output=True, text=True, check=True).stdout.strip()
    root = tmp_path_factory.mktemp("fhirsnake")
    data = json.loads((DATA / "radiopaedia-connector-failure.json").read_text(encoding="utf-8"))
    for e in data["entry"]:
        r = e["resource"]
        (root / "resources" / r["resourceType"]).mkdir(parents=True, exist_ok=True)
        (root / "resources" / r["resourceType"] / f"{r['id']}.json").write_text(json.dumps(r), encoding="utf-8")
    port = _free_port()
    log = (root / "server.log").open("w")
    proc = subprocess.Popen([str(py), "-m", "uvicorn", "main:app", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=root, env={"PYTHONPATH": pkg, "PATH": "/usr/bin:/bin"}, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                pytest.fail(f"fhirsnake exited: {(root / 'server.log').read_text()}")
            try:
                if httpx.get(f"{url}/Patient/rp-55f", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("fhirsnake did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


def test_fetches_from_the_fhir_server_what_was_not_prefetched(server, keys, fhirsnake):
    auth = {"access_token": "opaque-token", "token_type": "Bearer", "expires_in": 300,
            "scope": "user/*.read", "subject": "spinekg"}
    fetched = call(server, keys, hook("rp-55f", fhirServer=fhirsnake, fhirAuthorization=auth))
    assert fetched.status_code == 200, fetched.text
    prefetched = call(server, keys, hook("rp-55f", prefetch_of("radiopaedia-connector-failure")))
    [a], [b] = fetched.json()["cards"], prefetched.json()["cards"]
    assert (a["summary"], a["indicator"], a["detail"]) == (b["summary"], b["indicator"], b["detail"])
    # part prefetched, the rest fetched
    partial = prefetch_of("radiopaedia-connector-failure")
    del partial["devices"], partial["bodyStructures"]
    mixed = call(server, keys, hook("rp-55f", partial, fhirServer=fhirsnake, fhirAuthorization=auth))
    assert mixed.json()["cards"][0]["summary"] == b["summary"]


# --- security ------------------------------------------------------------------------------------------
def test_missing_or_bad_jwts_are_refused(server, keys, tmp_path):
    aud = server.url + SERVICE
    body = hook("rp-55f", prefetch_of("example-clean-followup"))
    assert httpx.post(aud, json=body).status_code == 401
    other = ec.generate_private_key(ec.SECP384R1())
    cases = {
        "wrong key": token(keys, aud, key=other),
        "unknown issuer": token(keys, aud, claims={"iss": "https://evil.example"}),
        "unknown kid": token(keys, aud, headers={"kid": "nope"}),
        "wrong audience": token(keys, aud, claims={"aud": server.url + "/cds-services/other"}),
        "expired": token(keys, aud, claims={"exp": int(time.time()) - 3600, "iat": int(time.time()) - 4000}),
        "HMAC": jwt.encode({"iss": ISS, "aud": aud, "exp": int(time.time()) + 60, "iat": int(time.time()),
                            "jti": "x"}, "a-shared-secret-of-32-bytes-at-least!", algorithm="HS256",
                           headers={"kid": KID}),
        "RSA key for an EC kid": token(keys, aud, key=rsa.generate_private_key(public_exponent=65537, key_size=2048),
                                       alg="RS384"),
        "not a JWT": "not-a-jwt",
    }
    for why, t in cases.items():
        r = httpx.post(aud, json=body, headers=bearer(t))
        assert r.status_code == 401, (why, r.status_code, r.text)
        assert "invalid_token" in r.headers.get("www-authenticate", ""), why
    no_jti = jwt.encode({"iss": ISS, "aud": aud, "exp": int(time.time()) + 60, "iat": int(time.time())},
                        keys[0], algorithm="ES384", headers={"kid": KID})
    assert httpx.post(aud, json=body, headers=bearer(no_jti)).status_code == 401


def test_a_replayed_jwt_is_refused(server, keys):
    aud = server.url + SERVICE
    t = token(keys, aud)
    body = hook("nobody", {"patient": {"resourceType": "Patient", "id": "nobody"}, **dict.fromkeys(list(TEMPLATES)[1:])})
    assert httpx.post(aud, json=body, headers=bearer(t)).status_code == 200
    r = httpx.post(aud, json=body, headers=bearer(t))
    assert r.status_code == 401 and "replay" in r.text


def test_discovery_needs_a_jwt_for_the_discovery_url(server, keys):
    r = httpx.get(server.url + "/cds-services", headers=bearer(token(keys, server.url + SERVICE)))
    assert r.status_code == 401 and "aud" in r.text


# --- malformed hook requests ---------------------------------------------------------------------------
@pytest.mark.parametrize("body, message", [
    ("not json", "not JSON"),
    ([], "must be a JSON object"),
    ({"hook": "order-sign", "hookInstance": "x", "context": {"patientId": "1"}}, "'hook' must be 'patient-view'"),
    ({"hook": "patient-view", "context": {"patientId": "1"}}, "'hookInstance' is required"),
    ({"hook": "patient-view", "hookInstance": "x"}, "'context' is required"),
    ({"hook": "patient-view", "hookInstance": "x", "context": {"userId": "Practitioner/1"}}, "'context.patientId'"),
    ({"hook": "patient-view", "hookInstance": "x", "context": {"patientId": "1"}, "fhirServer": "ftp://x"},
     "'fhirServer' must be"),
    ({"hook": "patient-view", "hookInstance": "x", "context": {"patientId": "1"},
      "fhirAuthorization": {"access_token": "t", "token_type": "Bearer"}}, "needs 'fhirServer'"),
    ({"hook": "patient-view", "hookInstance": "x", "context": {"patientId": "1"}, "prefetch": []}, "'prefetch' must be"),
    ({"hook": "patient-view", "hookInstance": "x", "context": {"patientId": "1"}, "prefetch": {"patient": 3}},
     "prefetch.patient must be a FHIR resource or null"),
])
def test_malformed_hook_requests_get_400_with_the_reason(server, keys, body, message):
    aud = server.url + SERVICE
    content = body if isinstance(body, str) else json.dumps(body)
    r = httpx.post(aud, content=content, headers={**bearer(token(keys, aud)), "Content-Type": "application/json"})
    assert r.status_code == 400 and message in r.text, r.text


def test_unknown_service_is_404(server, keys):
    aud = server.url + "/cds-services/other"
    r = httpx.post(aud, json=hook("1", {}), headers=bearer(token(keys, aud)))
    assert r.status_code == 404


# --- FHIR through /cases -------------------------------------------------------------------------------
def test_post_a_fhir_bundle_as_a_case_then_get_its_conclusions_as_fhir(server):
    body = (DATA / "example-lumbar-smoker-diabetes.json").read_bytes()
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/fhir+json"}
    r = httpx.post(server.url + "/cases", content=body, headers=headers, timeout=120)
    assert r.status_code == 201, r.text
    answer = r.json()
    assert answer["case_id"] == "fhir-lsd-61m"
    assert any("suspected loosening" in c["label"] for c in answer["conclusions"])
    r = httpx.get(server.url + "/cases/fhir-lsd-61m/fhir")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    from fhir.resources.R4B.bundle import Bundle

    parsed = Bundle.model_validate(r.json())
    kinds = {e.resource.__resource_type__ for e in parsed.entry}
    assert kinds == {"DetectedIssue", "RiskAssessment", "Provenance"}
    assert httpx.get(server.url + "/cases/nope/fhir").status_code == 404


def test_post_an_invalid_fhir_bundle_gets_located_problems_and_writes_nothing(server):
    data = json.loads((DATA / "example-clean-followup.json").read_text(encoding="utf-8"))
    data["entry"][1]["resource"]["bodySite"][0] = {"coding": [{"system": "http://snomed.info/sct", "code": "XYZ"}]}
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/fhir+json"}
    r = httpx.post(server.url + "/cases", json=data, headers=headers, timeout=120)
    assert r.status_code == 400
    [p] = r.json()["problems"]
    assert p["path"] == "Bundle.entry[1].resource.bodySite[0]" and "'XYZ'" in p["message"]
    assert httpx.get(server.url + "/cases/fhir-clean-58m/fhir").status_code == 404


def test_server_without_cds_clients_refuses_cds_calls(tmp_path):
    with running_server(tmp_path / "store", log_dir=tmp_path) as srv:
        r = httpx.get(srv.url + "/cds-services")
        assert r.status_code == 401 and "--cds-client" in r.text


def test_serve_with_an_unreadable_jwks_exits_with_a_clear_message(tmp_path):
    r = subprocess.run([sys.executable, "-m", "spinekg.server", "--store", str(tmp_path / "s"), "--port", "0",
                        "--cds-client", f"{ISS}={tmp_path / 'missing.json'}"], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 1 and "cannot read the JWK Set" in r.stderr and "Traceback" not in r.stderr
