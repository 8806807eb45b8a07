"""The layering the style guide asks for, checked on the real source files."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB_FILES = sorted((ROOT / "lib").glob("*.py"))
PAGE_FILES = sorted((ROOT / "pages").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module `path` imports, anywhere in the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", LIB_FILES, ids=lambda path: path.name)
def test_lib_never_imports_streamlit(path: Path) -> None:
    assert "streamlit" not in imported_modules(path)


@pytest.mark.parametrize("path", [*PAGE_FILES, ROOT / "app.py"], ids=lambda path: path.name)
def test_pages_leave_storage_and_data_wrangling_to_lib(path: Path) -> None:
    assert not imported_modules(path) & {"tinydb", "pandas", "altair", "json", "filelock"}


# The page scripts app.py routes to; the other modules in pages/ are shared UI pieces.
PAGE_SCRIPTS = ["home.py", "check_in.py", "practice.py", "data.py", "settings.py"]


@pytest.mark.parametrize("path", [ROOT / "pages" / name for name in PAGE_SCRIPTS], ids=str)
def test_page_scripts_stay_short(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 90


def test_the_checks_see_an_import_inside_a_function() -> None:
    source = ROOT / "pages" / "common.py"
    assert "pages" in imported_modules(source), "late imports must be counted too"
