"""When the project's Neo4j launcher is built: missing, never built here, or older than its
sources (graph/local_server.py). Maven is not run: the build is recorded instead."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.local_server import LocalServer


@pytest.fixture
def launcher(tmp_path: Path) -> Path:
    source = tmp_path / "src" / "main" / "java" / "ohch" / "launcher" / "Neo4jLauncher.java"
    source.parent.mkdir(parents=True)
    source.write_text("class Neo4jLauncher {}\n")
    (tmp_path / "pom.xml").write_text("<project/>\n")
    (tmp_path / "target" / "lib").mkdir(parents=True)
    return tmp_path


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    done: list[Path] = []

    def build(self: LocalServer) -> None:
        done.append(self.launcher_dir)
        (self.launcher_dir / "target" / "ohch-built").write_text("built\n")

    monkeypatch.setattr(LocalServer, "build", build)
    return done


def _server(launcher: Path) -> LocalServer:
    return LocalServer(home=launcher / "home", port=7600, password=None, launcher_dir=launcher)


def _age(path: Path, seconds: float) -> None:
    at = path.stat().st_mtime - seconds
    os.utime(path, (at, at))


def test_a_launcher_never_built_here_is_built_once(launcher: Path, builds: list[Path]) -> None:
    server = _server(launcher)
    classpath = server.classpath()
    assert builds == [launcher]
    assert classpath.startswith(str(launcher / "target" / "classes"))
    server.classpath()
    assert builds == [launcher]


def test_a_changed_source_rebuilds(launcher: Path, builds: list[Path]) -> None:
    server = _server(launcher)
    server.classpath()
    _age(launcher / "target" / "ohch-built", 60)
    (launcher / "src" / "main" / "java" / "ohch" / "launcher" / "Neo4jLauncher.java").touch()
    server.classpath()
    assert builds == [launcher, launcher]


def test_a_changed_pom_rebuilds_and_an_unchanged_tree_does_not(
    launcher: Path, builds: list[Path]
) -> None:
    server = _server(launcher)
    server.classpath()
    for source in (launcher / "pom.xml", *(launcher / "src").rglob("*.java")):
        _age(source, 60)
    server.classpath()
    assert len(builds) == 1  # sources older than the last build: nothing to do
    (launcher / "pom.xml").touch()
    server.classpath()
    assert len(builds) == 2


def test_no_dependencies_means_a_build(launcher: Path, builds: list[Path]) -> None:
    server = _server(launcher)
    server.classpath()
    (launcher / "target" / "lib").rmdir()
    server.classpath()
    assert len(builds) == 2
