"""The kustomize base in deploy/k8s: valid against the Kubernetes schemas (offline, with the
``kubernetes-validate`` package) and consistent with the app (routes, port, image paths).

The base is rendered here without kubectl: the resources that kustomization.yaml lists, with
its ``images`` entries applied. Any other kustomization feature makes the test fail, so the
rendering never silently differs from ``kubectl kustomize``.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from gunicorn import config as gunicorn_config
from starlette.routing import Match

from app.config import Settings
from app.main import app

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "deploy" / "k8s"
K8S_VERSION = "1.30.0"
IMAGE_ROOT = "/srv/menuju"  # the Dockerfile's WORKDIR
RENDERED_KEYS = {"apiVersion", "kind", "resources", "images"}
KINDS = {"ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"}


def render_base() -> list[dict[str, Any]]:
    """The manifests of the base, in resource order, images rewritten as kustomize would."""
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text(encoding="utf-8"))
    unknown = set(kustomization) - RENDERED_KEYS
    assert not unknown, f"kustomization.yaml uses {unknown}; teach render_base first"
    docs: list[dict[str, Any]] = []
    for name in kustomization["resources"]:
        text = (BASE / name).read_text(encoding="utf-8")
        docs.extend(doc for doc in yaml.safe_load_all(text) if doc)
    images = {i["name"]: i for i in kustomization.get("images", [])}
    for doc in docs:
        for container in _containers(doc):
            entry = images.get(container["image"].split(":")[0])
            if entry is not None:
                container["image"] = f"{entry.get('newName', entry['name'])}:{entry['newTag']}"
    return docs


def _containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    spec = doc.get("spec", {}).get("template", {}).get("spec", {})
    return [*spec.get("initContainers", []), *spec.get("containers", [])]


def one(docs: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [d for d in docs if d["kind"] == kind]
    assert len(found) == 1, f"{len(found)} {kind} manifests"
    return found[0]


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return render_base()


def test_every_manifest_is_valid_against_the_schemas(docs: list[dict[str, Any]]) -> None:
    assert {d["kind"] for d in docs} == KINDS
    for doc in docs:
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_the_validation_rejects_broken_manifests(docs: list[dict[str, Any]]) -> None:
    bad_port = copy.deepcopy(one(docs, "Deployment"))
    bad_port["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "8000"
    typo = copy.deepcopy(one(docs, "Service"))
    typo["spec"]["selectorr"] = typo["spec"].pop("selector")
    for broken in (bad_port, typo):
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(broken, K8S_VERSION, strict=True)


def app_serves(path: str) -> bool:
    """Whether a route of app.main's route table fully matches ``GET path``."""
    scope = {"type": "http", "method": "GET", "path": path, "root_path": "",
             "query_string": b"", "headers": []}
    return any(route.matches(scope)[0] == Match.FULL for route in app.routes)


def dockerfile_port() -> int:
    """The port of the Dockerfile's EXPOSE, checked against its gunicorn (app.prefork) CMD."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    exposed = int(re.search(r"^EXPOSE\s+(\d+)", text, re.M).group(1))  # type: ignore[union-attr]
    cmd = re.search(r"^CMD\s+(\[.*\])", text, re.M).group(1)  # type: ignore[union-attr]
    args = yaml.safe_load(cmd)
    assert args[:3] == ["gunicorn", "-c", "python:app.prefork"] and args[-1] == "app.main:app"
    assert int(args[args.index("-b") + 1].rpartition(":")[2]) == exposed
    return exposed


def test_probes_and_ports_match_the_app(docs: list[dict[str, Any]]) -> None:
    deployment = one(docs, "Deployment")
    server = deployment["spec"]["template"]["spec"]["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in server["ports"]}
    assert ports == {"http": dockerfile_port()}
    assert not app_serves("/no-such-probe")
    probes = {kind: server[kind]["httpGet"] for kind in
              ("startupProbe", "readinessProbe", "livenessProbe")}
    assert probes["readinessProbe"]["path"] == probes["startupProbe"]["path"] == "/readyz"
    assert probes["livenessProbe"]["path"] == "/healthz"
    for probe in probes.values():
        assert app_serves(probe["path"]), probe
        assert probe["port"] in ports or probe["port"] in ports.values()
    service = one(docs, "Service")
    assert [p["targetPort"] for p in service["spec"]["ports"]] == ["http"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    for selector in (service["spec"]["selector"],
                     deployment["spec"]["selector"]["matchLabels"],
                     one(docs, "PodDisruptionBudget")["spec"]["selector"]["matchLabels"]):
        assert selector.items() <= labels.items()
    hpa = one(docs, "HorizontalPodAutoscaler")
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                             "name": deployment["metadata"]["name"]}
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    assert hpa["spec"]["minReplicas"] >= 2  # the disruption budget allows one down


def settings_dirs(config: dict[str, str]) -> list[str]:
    """The folders the app writes (Settings fields ending in ``_dir``, from the ConfigMap or
    their defaults) for the image's working directory /srv/menuju."""
    given: dict[str, Any] = {k.lower(): v for k, v in config.items()
                             if k.lower() in Settings.model_fields}
    settings = Settings(root_dir=Path(IMAGE_ROOT), **given)
    names = [n for n in Settings.model_fields if n.endswith("_dir") and n != "root_dir"]
    assert names, "no *_dir setting found"
    return [str(getattr(settings, n)) for n in names]


def test_pods_run_unprivileged_on_a_read_only_root(docs: list[dict[str, Any]]) -> None:
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    volumes = {v["name"]: v for v in pod["volumes"]}
    config = one(docs, "ConfigMap")["data"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert f"WORKDIR {IMAGE_ROOT}" in dockerfile
    numba_dir = re.search(r"NUMBA_CACHE_DIR=(\S+)", dockerfile).group(1)  # type: ignore[union-attr]
    for container in _containers(one(docs, "Deployment")):
        context = container["securityContext"]
        assert context["readOnlyRootFilesystem"] is True
        assert context["allowPrivilegeEscalation"] is False
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        assert all("emptyDir" in volumes[name] for name in mounts.values())
        # every path the app writes lies on a writable volume
        for path in (*settings_dirs(config), numba_dir, "/tmp"):
            assert any(path == m or path.startswith(m + "/") for m in mounts), path
        assert container["envFrom"] == [{"configMapRef": {"name": "menuju-config"}}]
        assert container["resources"]["requests"]["memory"]


def test_the_init_container_builds_the_dataset_with_the_servers_image_and_config(
        docs: list[dict[str, Any]]) -> None:
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    (init,) = pod["initContainers"]
    server = pod["containers"][0]
    assert init["image"] == server["image"] and init["envFrom"] == server["envFrom"]
    assert init["volumeMounts"] == server["volumeMounts"]  # the server finds what it built
    program, script = init["command"][:2]
    assert program == "python" and (ROOT / script).is_file(), init["command"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert f"COPY {script.split('/')[0]}/" in dockerfile  # the script is in the image


def test_config_and_secret_references(docs: list[dict[str, Any]]) -> None:
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text(encoding="utf-8"))
    assert "secretGenerator" not in kustomization
    assert "Secret" not in {d["kind"] for d in docs}  # the operator creates it
    config = one(docs, "ConfigMap")
    assert config["metadata"]["name"] == "menuju-config"
    assert {"GTFS_FEEDS", "GTFS_RT", "CORS_ORIGINS"} <= config["data"].keys()
    # every key is a setting the app (or gunicorn, which runs it) reads, and the app accepts
    # every value
    server_keys = {k for k in config["data"] if k in gunicorn_config.Workers.desc}
    assert server_keys == {"WEB_CONCURRENCY"}, server_keys
    assert int(config["data"]["WEB_CONCURRENCY"]) >= 1
    unread = {k for k in config["data"] if k.lower() not in Settings.model_fields} - server_keys
    assert not unread, unread
    Settings(**{k.lower(): v for k, v in config["data"].items() if k not in server_keys})
    for entry in config["data"]["GTFS_FEEDS"].split(","):
        feed_id, path = entry.split("=", 1)
        assert feed_id and (ROOT / path).is_dir(), entry  # shipped in the image
    server = one(docs, "Deployment")["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e for e in server["env"]}
    ref = env["ADMIN_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert ref["name"] == "menuju-admin" and ref["key"] == "ADMIN_TOKEN"
    assert "value" not in env["ADMIN_TOKEN"]
    readme = (BASE / "README.md").read_text(encoding="utf-8")
    assert re.search(r"kubectl( -n \S+)? create secret generic menuju-admin", readme)
