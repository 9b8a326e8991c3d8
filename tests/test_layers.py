"""Import hygiene: the folders are layers, imports point down only, and there is no circle.

Everything outside `tui/` is plain Python: importing it, and running the commands that do
not open the app, never loads Textual or Rich.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dlflash"

LAYERS: dict[str, int] = {
    "base": 0, "sm2": 0,
    "deck": 1,
    "journal": 2, "judge": 2,
    "study": 3, "stats": 3,
    "workspace": 4,
    "tui": 5,
    "cli": 6, "commands": 6, "__main__": 6, "__init__": 6,
}
"""The rank of each top-level part of the package: a module may import its own part or a
lower-ranked one, never a higher one (`cli.py` on top, `base/` and `sm2` at the bottom)."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, name: str) -> set[str]:
    """Every dlflash module `path` imports, at any depth (inside functions and
    `TYPE_CHECKING` blocks too: a circle there is still a circle in the design)."""
    modules = _modules()
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1],
                                 *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target.startswith("dlflash.") and target != name:
                found.add(target)
    return found


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _graph() -> dict[str, set[str]]:
    return {name: _imports(path, name) for name, path in _modules().items()}


def test_every_part_has_a_layer_and_a_docstring() -> None:
    for name, path in _modules().items():
        assert _part(name) in LAYERS, f"{name}: add its folder to LAYERS"
        if path.name == "__init__.py" and name != "dlflash":
            assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), \
                f"{path}: say in a docstring what lives here and what it may import"


def test_imports_point_down_only() -> None:
    wrong = [
        f"{module} ({_part(module)}) imports {target} ({_part(target)})"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if LAYERS[_part(target)] > LAYERS[_part(module)]
    ]
    assert not wrong, "\n".join(wrong)


def _circle(graph: dict[str, set[str]]) -> list[str] | None:
    """An import circle of `graph` (modules to the modules they import), or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module):], module]
        if module in done:
            return None
        for target in sorted(graph.get(module, ())):
            found = visit(target, [*path, module])
            if found:
                return found
        done.add(module)
        return None

    for module in sorted(graph):
        found = visit(module, [])
        if found:
            return found
    return None


def test_no_import_circles() -> None:
    circle = _circle(_graph())
    assert circle is None, "import circle: " + " -> ".join(circle or ())


def test_the_checks_find_what_they_look_for() -> None:
    # A checker that finds nothing would pass the tests above: show it finds both faults.
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _circle({"a": {"b"}, "b": set()}) is None
    review = _imports(PACKAGE / "tui" / "screens" / "review.py", "dlflash.tui.screens.review")
    assert {"dlflash.study.session", "dlflash.tui.host"} <= review
    assert "dlflash.tui.app" not in review


def _passes_in_a_new_interpreter(code: str, env: dict[str, str] | None = None) -> None:
    """`code` run by a Python of its own, so that what it imports is all it imported."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=False)
    assert result.returncode == 0, result.stderr


def test_core_and_cli_commands_do_not_import_textual() -> None:
    core = sorted(name for name in _modules()
                  if _part(name) not in {"tui", "__main__"} and name != "dlflash")
    code = (
        "import sys, importlib\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        "from dlflash.cli import main\n"
        "main(['due', '--json']); main(['validate'])\n"
        "main(['stats', '--json']); main(['stats', '--text', '--days', '365'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "assert 'rich' not in sys.modules, 'rich was imported'\n"
    )
    _passes_in_a_new_interpreter(code, {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_the_parser_loads_no_command_s_code() -> None:
    """Every start (`dlflash` too) builds the parser: it must not import what one command
    needs (the judge, asyncio for `serve`, the journal doctor: ~300 ms of each start)."""
    code = (
        "import sys\n"
        "from dlflash.cli import build_parser\n"
        "build_parser().parse_args([])\n"
        "heavy = sorted(name for name in sys.modules if name.startswith(("
        "'dlflash.judge', 'dlflash.journal.doctor', 'dlflash.study', 'dlflash.stats',"
        " 'asyncio', 'dlflash.commands.')) and name != 'dlflash.commands.parsers')\n"
        "assert not heavy, heavy\n"
    )
    _passes_in_a_new_interpreter(code)


def test_the_review_screen_loads_no_statistics_report() -> None:
    """The review screen's code is on every start's path; the statistics' report (its
    activity, cards and log figures: ~11 ms to import) loads with the stats screen or its
    idle worker, not before the first card."""
    code = (
        "import sys\n"
        "import dlflash.tui.app\n"
        "heavy = sorted(name for name in sys.modules if name in ("
        "'dlflash.stats.report', 'dlflash.stats.text', 'dlflash.stats.activity',"
        " 'dlflash.stats.cards', 'dlflash.stats.log'))\n"
        "assert not heavy, heavy\n"
    )
    _passes_in_a_new_interpreter(code)
