"""The layering the style guide asks for, checked on the real source files.

app.py -> pages/ -> ui/ -> lib/, no cycle; pages/ holds page scripts only;
short pages and lib modules; Streamlit's internals changed in one module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB_FILES = sorted((ROOT / "lib").glob("*.py"))
UI_FILES = sorted((ROOT / "ui").glob("*.py"))
PAGE_FILES = sorted((ROOT / "pages").glob("*.py"))
PROJECT_FILES = [
    *sorted(
        path
        for folder in ("lib", "ui", "pages", "tests", "bench", "docs")
        for path in (ROOT / folder).rglob("*.py")
    ),
    ROOT / "app.py",
    ROOT / "serve.py",
]
WORKAROUNDS = ROOT / "ui" / "workarounds.py"


def imported_modules(path: Path, depth: int = 1) -> set[str]:
    """Modules `path` imports anywhere in the file, to `depth` dotted parts ("ui", "ui.texts")."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(".".join(alias.name.split(".")[:depth]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(".".join(node.module.split(".")[:depth]))
            if depth > 1 and node.module in {"lib", "ui"}:
                # `from ui import texts` imports the module ui.texts.
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def module_name(path: Path) -> str:
    return f"{path.parent.name}.{path.stem}"


@pytest.mark.parametrize("path", LIB_FILES, ids=lambda path: path.name)
def test_lib_imports_neither_streamlit_nor_the_ui(path: Path) -> None:
    assert not imported_modules(path) & {"streamlit", "ui", "pages"}


@pytest.mark.parametrize("path", UI_FILES, ids=lambda path: path.name)
def test_ui_never_imports_a_page(path: Path) -> None:
    assert "pages" not in imported_modules(path)


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_imports_from_pages(path: Path) -> None:
    # app.py names page scripts by path; nothing imports one (they are not a package).
    assert "pages" not in imported_modules(path)


def test_pages_is_not_a_package_and_holds_only_page_scripts() -> None:
    assert not (ROOT / "pages" / "__init__.py").exists()
    navigation = (ROOT / "ui" / "navigation.py").read_text(encoding="utf-8")
    practices = [path.stem.replace("_", "-") for path in (ROOT / "content" / "practices").glob("*")]
    routed = {"home", "check-in", "journal", "data", "settings", *practices}
    assert {path.stem for path in PAGE_FILES} == routed
    for stem in ("home", "check-in", "journal", "data", "settings"):
        assert f'"pages/{stem}.py"' in navigation


def test_no_import_cycle_between_ui_and_lib_modules() -> None:
    graph = {
        module_name(path): {
            name for name in imported_modules(path, depth=2) if name.split(".")[0] in {"lib", "ui"}
        }
        for path in [*LIB_FILES, *UI_FILES]
    }
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        assert module not in visiting, f"import cycle: {' -> '.join([*visiting, module])}"
        visiting.append(module)
        for name in graph.get(module, ()):
            visit(name)
        visiting.pop()
        done.add(module)

    for module in graph:
        visit(module)
    assert "ui.texts" in graph["ui.session"] | graph["ui.actions"], "the graph sees ui imports"


@pytest.mark.parametrize("path", [*PAGE_FILES, ROOT / "app.py"], ids=lambda path: path.name)
def test_pages_leave_storage_and_data_wrangling_to_lib(path: Path) -> None:
    assert not imported_modules(path) & {"tinydb", "pandas", "altair", "json", "filelock"}


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda path: path.name)
def test_page_scripts_stay_short(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 80


@pytest.mark.parametrize("path", LIB_FILES, ids=lambda path: path.name)
def test_lib_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_the_checks_see_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "late.py"
    source.write_text("def later():\n    from pages import home\n", encoding="utf-8")
    assert "pages" in imported_modules(source)


# Internals Closer has had to change; anything starting with "_" counts too.
PRIVATE = {"uses_pages_directory"}


def private(name: str) -> bool:
    return name.startswith("_") or name in PRIVATE


def changes_to_streamlit(path: Path) -> list[str]:
    """Lines of `path` that set a private attribute of something imported from streamlit."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit"):
            bound.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            bound.update(
                (alias.asname or alias.name).split(".")[0]
                for alias in node.names
                if alias.name.startswith("streamlit")
            )
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
            isinstance(base, ast.Name) and base.id in bound for base in node.bases
        ):
            # A subclass that overrides a private class attribute changes it too.
            for item in node.body:
                names = [t.id for t in getattr(item, "targets", []) if isinstance(t, ast.Name)]
                if any(private(name) for name in names):
                    found.append(f"{path.name}:{item.lineno}")
        targets: list[tuple[ast.expr, str]] = []
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            for target in getattr(node, "targets", None) or [node.target]:
                if isinstance(target, ast.Attribute):
                    targets.append((target.value, target.attr))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "setattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
        ):
            targets.append((node.args[0], str(node.args[1].value)))
        for owner, name in targets:
            root = owner
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in bound and private(name):
                found.append(f"{path.name}:{node.lineno}")
    return found


OTHER_FILES = [path for path in PROJECT_FILES if path != WORKAROUNDS]


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_only_the_workarounds_module_changes_streamlit(path: Path) -> None:
    assert not changes_to_streamlit(path)


def test_the_check_finds_the_workarounds_own_changes() -> None:
    assert changes_to_streamlit(WORKAROUNDS)
