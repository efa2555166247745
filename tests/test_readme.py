"""The README and docs/ stay true: every command is documented, every example runs, the site builds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from assessor.cli.main import cli
from tests import warm_cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The docs' own pages; the symbolic links to SECURITY.md, ARCHITECTURE.md, ... hold no examples.
PAGES = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md") if not p.is_symlink())]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", flags=re.MULTILINE | re.DOTALL)
# A block after this marker installs the built wheel; .ci/smoke-wheel runs it as printed, the tests do not.
SMOKE_WHEEL = "<!-- run by .ci/smoke-wheel -->\n"
MAKE_TARGETS = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))


def command_paths(group: click.Group, prefix: str = "") -> list[str]:
    """Every leaf command of the CLI as 'standard validate', 'assess', ..."""
    paths = []
    context = click.Context(group)
    for name in group.list_commands(context):  # loads commands imported on first use
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            paths += command_paths(command, f"{prefix}{name} ")
        else:
            paths.append(f"{prefix}{name}")
    return paths


def blocks(language: str) -> list[tuple[str, str]]:
    """Every fenced block of `language` in the README and docs/, as ('file:line', text)."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            if match.group(1) == language and not text[: match.start()].endswith(SMOKE_WHEEL):
                line = text.count("\n", 0, match.start()) + 1
                found.append((f"{page.relative_to(ROOT)}:{line}", match.group(2)))
    return found


def commands(script: str) -> list[str]:
    """The commands of a shell block: continuation lines joined, comments and blank lines dropped."""
    joined = script.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.strip().startswith("#")]


SHELL_BLOCKS = blocks("sh")
MAKE_BLOCKS = [(where, text) for where, text in SHELL_BLOCKS if all(c.startswith("make ") for c in commands(text))]
RUN_BLOCKS = [(where, text) for where, text in SHELL_BLOCKS if (where, text) not in MAKE_BLOCKS]
PYTHON_BLOCKS = blocks("python")


@pytest.fixture(scope="session")
def warm_dcr(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The socket of a warm `dcr` (tests/warm_cli.py) serving this test process's examples."""
    folder = tmp_path_factory.mktemp("warm-cli")
    path = folder / "dcr.sock"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DCR_")}
    server = subprocess.Popen(
        [sys.executable, str(Path(warm_cli.__file__)), str(path)], cwd=folder, env=env, stdout=subprocess.PIPE
    )
    assert server.stdout is not None and server.stdout.readline() == b"ready\n"
    yield path
    warm_cli.stop(str(path))
    server.wait(timeout=60)
    server.stdout.close()


def example_folder(tmp_path: Path, warm: Path | None = None) -> dict[str, str]:
    """A fresh folder laid out like a checkout for the examples (`.venv`, `examples`) and an environment whose
    data, configuration and trust store live inside it. With a warm server, `.venv/bin/dcr` runs each command
    in a child of it (tests/warm_cli.py); every other file of `.venv` is the test environment's own."""
    venv = Path(sys.executable).parent.parent
    if warm is None:
        (tmp_path / ".venv").symlink_to(venv)
    else:
        (tmp_path / ".venv" / "bin").mkdir(parents=True)
        for entry in venv.iterdir():
            if entry.name != "bin":
                (tmp_path / ".venv" / entry.name).symlink_to(entry)
        for entry in (venv / "bin").iterdir():
            if entry.name != "dcr":
                (tmp_path / ".venv" / "bin" / entry.name).symlink_to(entry)
        client = tmp_path / ".venv" / "bin" / "dcr"
        client.write_text(warm_cli.client_script(str(warm)), encoding="utf-8")
        client.chmod(0o755)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DCR_")}
    env.update(
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        DCR_TRUST_STORE=str(tmp_path / "trust"),
        DCR_WORKSPACE=str(tmp_path / "workspace"),
    )
    return env


def test_every_command_is_in_the_cli_reference() -> None:
    """Each `dcr` command appears in the command-line reference."""
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    commands_ = command_paths(cli)
    assert len(commands_) >= 6
    assert [c for c in commands_ if f"dcr {c}" not in reference] == []


def test_readme_names_the_two_commands() -> None:
    """The quick start shows `make app` and `make test`, near the top."""
    top = "\n".join(README.splitlines()[:40])
    assert "make app" in top and "make test" in top


def test_readme_is_short() -> None:
    """The README is an introduction of at most 200 lines; the reference lives in docs/."""
    assert len(README.splitlines()) <= 200


def test_readme_links_to_pages_that_exist() -> None:
    """Every relative link in the README names a file of the repository."""
    links = [link.split("#")[0] for link in re.findall(r"\]\(([^)#:]+(?:#[^)]*)?)\)", README)]
    assert len(links) >= 5
    assert [link for link in links if not (ROOT / link).exists()] == []


def test_wheel_example_is_run_by_ci() -> None:
    """The install example skipped here is the one .ci/smoke-wheel extracts and runs."""
    install = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    assert install.count(SMOKE_WHEEL) == 1
    assert "run by .ci\\/smoke-wheel" in (ROOT / ".ci" / "smoke-wheel").read_text(encoding="utf-8")


def test_examples_were_found() -> None:
    """Guard: the shell and Python examples of the README and docs/ were found."""
    assert len(RUN_BLOCKS) >= 10 and len(MAKE_BLOCKS) >= 1 and len(PYTHON_BLOCKS) >= 1


@pytest.mark.parametrize(("where", "text"), MAKE_BLOCKS, ids=[w for w, _ in MAKE_BLOCKS])
def test_make_examples_name_targets(where: str, text: str) -> None:
    """Each `make` command in the docs names a target of the Makefile (CI runs `make test` itself)."""
    targets = [c.split()[1] for c in commands(text)]
    assert [t for t in targets if t not in MAKE_TARGETS] == [], where


@pytest.mark.slow
@pytest.mark.parametrize(("where", "text"), RUN_BLOCKS, ids=[w for w, _ in RUN_BLOCKS])
def test_shell_example_runs(where: str, text: str, tmp_path: Path, warm_dcr: Path) -> None:
    """Each shell example runs as printed, in a folder of its own, and every command in it succeeds (`dcr` in a
    child of a warm interpreter, with the example's folder, environment and streams)."""
    env = example_folder(tmp_path, warm_dcr)
    proc = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", text], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, f"{where}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"


@pytest.mark.slow
@pytest.mark.parametrize(("where", "code"), PYTHON_BLOCKS, ids=[w for w, _ in PYTHON_BLOCKS])
def test_python_example_runs(where: str, code: str, tmp_path: Path, warm_dcr: Path) -> None:
    """Each Python example runs as printed, in a folder of its own (`python -c` in a child of a warm
    interpreter)."""
    env = example_folder(tmp_path)
    status, _, stderr = warm_cli.run_python(str(warm_dcr), code, tmp_path, env)
    assert status == 0, f"{where}\n{stderr[-4000:]}"


@pytest.mark.slow
def test_readme_python_example_runs(tmp_path: Path, warm_dcr: Path) -> None:
    """The README's Python example runs as printed and writes all three reports (`python -c` in a child of a warm
    interpreter)."""
    block = re.search(r"<!-- python-example -->\n```python\n(.*?)```", README, flags=re.DOTALL)
    assert block is not None
    code = block.group(1)
    assert len(code.strip().splitlines()) <= 12
    status, stdout, stderr = warm_cli.run_python(str(warm_dcr), code, tmp_path, dict(os.environ))
    assert status == 0, stderr
    assert re.search(r"^level \d, score [\d.]+ under DCRS \d+\.\d+\.\d+$", stdout, flags=re.MULTILINE), stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf", "report.xlsx", "result.json"]


@pytest.mark.slow
def test_docs_site_builds_strictly(tmp_path: Path) -> None:
    """`mkdocs build --strict` builds every page with no broken link or anchor."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    site = tmp_path / "site"
    build = [str(mkdocs), "build", "--strict", "--site-dir", str(site)]
    proc = subprocess.run(build, cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert (site / "scoring.html").is_file() and (site / "cli.html").is_file()
