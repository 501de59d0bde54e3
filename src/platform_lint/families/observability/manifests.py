"""Direct dependencies from package manifests, and which of them are telemetry libraries.

Pure functions from a manifest's path and text to ``(line, ecosystem, package)`` entries.
Only declared dependencies count: a package's own ``name`` or ``description`` never does,
and a ``go.mod`` line marked ``// indirect`` is somebody else's dependency. A manifest
that does not parse yields nothing (the collector records it).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from platform_lint.yamlio import JsonError, load_json

Entry = tuple[int, str, str]  # (line, ecosystem, package)

LIBRARIES: dict[str, tuple[str, ...]] = {
    # library -> lower-case package-name fragments that identify it
    "opentelemetry": ("opentelemetry", "go.opentelemetry.io/"),
    "prometheus": (
        "prometheus-client",
        "prometheus_client",
        "prom-client",
        "github.com/prometheus/client_golang",
        "io.prometheus:",
        "prometheus-net",
        "prometheus-fastapi-instrumentator",
        "django-prometheus",
        "express-prom-bundle",
        "starlette-exporter",
        "prometheus-flask-exporter",
    ),
    "micrometer": ("io.micrometer:",),
    "statsd": ("statsd", "hot-shots"),
    "datadog": ("ddtrace", "dd-trace", "datadog"),
    "newrelic": ("newrelic",),
    "honeycomb": ("honeycomb", "libhoney", "beeline"),
    "elastic-apm": ("elastic-apm", "elasticapm", "go.elastic.co/apm"),
    "sentry": ("sentry",),
}
_CARGO_EXACT = {"prometheus": "prometheus", "metrics-exporter-prometheus": "prometheus"}


def library_of(ecosystem: str, package: str) -> str | None:
    """The telemetry library ``package`` belongs to, or None."""
    low = package.lower()
    if ecosystem == "cargo" and low in _CARGO_EXACT:
        return _CARGO_EXACT[low]
    for library, fragments in LIBRARIES.items():
        if any(fragment in low for fragment in fragments):
            return library
    return None


def kind_of(path: str) -> str | None:
    """The manifest format of ``path`` by its name, or None when it is no manifest."""
    name = posixpath.basename(path)
    low = name.lower()
    if low.startswith("requirements") and low.endswith((".txt", ".in")):
        return "requirements"
    return {
        "pyproject.toml": "pyproject",
        "package.json": "package.json",
        "go.mod": "go.mod",
        "pom.xml": "pom",
        "build.gradle": "gradle",
        "build.gradle.kts": "gradle",
        "gemfile": "gemfile",
        "cargo.toml": "cargo",
    }.get(low) or ("csproj" if low.endswith(".csproj") else None)


def _line_of(lines: list[str], needle: str, start: int = 0) -> int:
    for index in range(start, len(lines)):
        if needle in lines[index]:
            return index + 1
    return 1


_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]{0,200})")


def _requirement_name(spec: str) -> str | None:
    match = _REQ.match(spec)
    return match.group(1) if match else None


def _requirements(text: str) -> Iterator[Entry]:
    for index, line in enumerate(text.splitlines()):
        stripped = line.split("#", 1)[0].strip()
        if not stripped or stripped.startswith(("-", "git+", "http:", "https:", "./", "/")):
            continue
        name = _requirement_name(stripped)
        if name:
            yield index + 1, "pypi", name


_SECTION = re.compile(r"^\s*\[\[?\s*([^\]]{1,200}?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*["']?([A-Za-z0-9_.\-]{1,200})["']?\s*=""")
_QUOTED = re.compile(r"""["']([^"'\n]{1,500})["']""")


def _toml_sections(text: str) -> Iterator[tuple[str, int, str]]:
    """(section, line, text) of each line of a TOML file, read line by line (tolerant)."""
    section = ""
    for index, line in enumerate(text.splitlines()):
        match = _SECTION.match(line)
        if match:
            section = match.group(1).replace('"', "").replace("'", "")
            continue
        yield section, index + 1, line


def _pyproject(text: str) -> Iterator[Entry]:
    """[project] dependencies, optional-dependencies, [dependency-groups] and Poetry's tables."""
    in_list = False
    for section, line_no, line in _toml_sections(text):
        code = line.split("#", 1)[0]
        if section in ("project", "project.optional-dependencies", "dependency-groups"):
            key = _KEY.match(code)
            if key:
                wanted = section != "project" or key.group(1) == "dependencies"
                in_list = wanted and "[" in code.split("=", 1)[1]
                code = code.split("=", 1)[1]
                if not wanted:
                    continue
            if in_list:
                for spec in _QUOTED.findall(code):
                    name = _requirement_name(spec)
                    if name:
                        yield line_no, "pypi", name
                if "]" in _QUOTED.sub("", code):  # a bracket inside a string ("fastapi[standard]") is no end
                    in_list = False
            continue
        in_list = False
        if section.startswith("tool.poetry") and section.endswith(("dependencies", "dev-dependencies")):
            key = _KEY.match(code)
            if key and key.group(1) != "python":
                yield line_no, "pypi", key.group(1)


def _package_json(text: str) -> Iterator[Entry]:
    data = load_json(text)
    if not isinstance(data, dict):
        return
    lines = text.splitlines()
    for section in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        start = _line_of(lines, f'"{section}"') - 1
        for name in table:
            yield _line_of(lines, f'"{name}"', start), "npm", name


_GO_REQUIRE = re.compile(r"^\s*(?:require\s+)?([A-Za-z0-9][\w.\-~/]{0,300})\s+v[0-9][^\s]*")


def _go_mod(text: str) -> Iterator[Entry]:
    in_block = False
    for index, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped.startswith("require ("):
            in_block = True
            continue
        if in_block and stripped.startswith(")"):
            in_block = False
            continue
        if not (in_block or stripped.startswith("require ")):
            continue
        if "// indirect" in line:
            continue
        match = _GO_REQUIRE.match(stripped)
        if match:
            yield index + 1, "go", match.group(1)


_POM_DEP = re.compile(r"<dependency>(.{0,2000}?)</dependency>", re.DOTALL)
_POM_FIELD = re.compile(r"<(groupId|artifactId)>\s*([^<\s]{1,300})\s*</")


def _pom(text: str) -> Iterator[Entry]:
    for match in _POM_DEP.finditer(text):
        fields = dict(_POM_FIELD.findall(match.group(1)))
        if "groupId" in fields and "artifactId" in fields:
            line = text.count("\n", 0, match.start()) + 1
            yield line, "maven", f"{fields['groupId']}:{fields['artifactId']}"


_GRADLE = re.compile(
    r"""^\s*(?:implementation|api|compile|runtimeOnly|compileOnly|testImplementation|annotationProcessor|"""
    r"""runtime|kapt)\s*\(?\s*(?:platform\s*\(\s*)?["']([\w.\-]{1,200}):([\w.\-]{1,200})"""
)


def _gradle(text: str) -> Iterator[Entry]:
    for index, line in enumerate(text.splitlines()):
        match = _GRADLE.match(line)
        if match:
            yield index + 1, "gradle", f"{match.group(1)}:{match.group(2)}"


_GEM = re.compile(r"""^\s*gem\s+["']([\w.\-]{1,200})["']""")


def _gemfile(text: str) -> Iterator[Entry]:
    for index, line in enumerate(text.splitlines()):
        match = _GEM.match(line)
        if match:
            yield index + 1, "rubygems", match.group(1)


_CSPROJ = re.compile(r"""<PackageReference\s+Include\s*=\s*["']([\w.\-]{1,200})["']""", re.IGNORECASE)


def _csproj(text: str) -> Iterator[Entry]:
    for index, line in enumerate(text.splitlines()):
        for match in _CSPROJ.finditer(line):
            yield index + 1, "nuget", match.group(1)


def _cargo(text: str) -> Iterator[Entry]:
    for section, line_no, line in _toml_sections(text):
        base = section.split(".", 1)
        if base[0] in ("dependencies", "dev-dependencies", "build-dependencies") or (
            section.startswith("target.") and section.endswith("dependencies")
        ):
            if len(base) == 2 and base[0] in ("dependencies", "dev-dependencies", "build-dependencies"):
                continue  # [dependencies.name] tables: the header names it (handled below)
            key = _KEY.match(line.split("#", 1)[0])
            if key:
                yield line_no, "cargo", key.group(1)
    for index, line in enumerate(text.splitlines()):
        match = _SECTION.match(line)
        if match:
            parts = match.group(1).split(".", 1)
            if len(parts) == 2 and parts[0] in ("dependencies", "dev-dependencies", "build-dependencies"):
                yield index + 1, "cargo", parts[1].strip("\"'")


PARSERS = {
    "requirements": _requirements,
    "pyproject": _pyproject,
    "package.json": _package_json,
    "go.mod": _go_mod,
    "pom": _pom,
    "gradle": _gradle,
    "gemfile": _gemfile,
    "csproj": _csproj,
    "cargo": _cargo,
}


def dependencies(kind: str, text: str) -> list[Entry]:
    """The direct dependencies a manifest of ``kind`` declares (raises ValueError when it does not parse)."""
    try:
        return list(PARSERS[kind](text))
    except JsonError as exc:
        raise ValueError(f"line {exc.line}: {exc.message}") from exc
