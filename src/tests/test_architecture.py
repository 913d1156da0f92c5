"""The shape of the code, checked by reading it.

A leading underscore means "only this module": no module of src/glasnik imports another
module's private name (`from .waitlist import _locked`), imports a private module, or reaches
into an imported module for one (`waitlist._promote(...)`). A helper another module needs is
public and named for what it does. Migrations are generated code and are left out.
"""

import ast
from pathlib import Path

GLASNIK = Path(__file__).resolve().parents[1] / "glasnik"


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(module: str | None, level: int, importer: str, is_package: bool) -> str:
    """The absolute name of `from <level dots><module> import …` written in `importer`."""
    if level == 0:
        return module or ""
    base = importer.split(".")
    base = base[: len(base) - level + (1 if is_package else 0)]
    return ".".join([*base, module] if module else base)


def _is_module(name: str, root: Path) -> bool:
    """Whether `name` (e.g. glasnik.events.services.waitlist) is a module of the tree."""
    parts = name.split(".")
    if parts[0] != root.name:
        return False
    path = root.parent.joinpath(*parts)
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _private_uses(path: Path, root: Path) -> list[str]:
    importer = _module_name(path, root)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(root.parent)
    found, module_aliases = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if any(_is_private(part) for part in alias.name.split(".")):
                    found.append(f"{where}:{node.lineno} imports the private module {alias.name}")
                if alias.asname and _is_module(alias.name, root):
                    module_aliases.add(alias.asname)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node.module, node.level, importer, is_package)
            if any(_is_private(part) for part in source.split(".")):
                found.append(f"{where}:{node.lineno} imports from the private module {source}")
            for alias in node.names:
                if _is_private(alias.name):
                    found.append(f"{where}:{node.lineno} imports {alias.name} from {source}")
                elif _is_module(f"{source}.{alias.name}", root):
                    module_aliases.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _is_private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in module_aliases
        ):
            found.append(f"{where}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def private_imports(root: Path) -> list[str]:
    """Every place under `root` (migrations left out) that uses another module's private name."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        found.extend(_private_uses(path, root))
    return found


def test_no_module_uses_another_modules_private_names():
    found = private_imports(GLASNIK)

    assert found == [], (
        "A leading underscore means 'only this module'. Make the helper public, named for what "
        "it does, or keep it in its module:\n" + "\n".join(found)
    )


def test_private_imports_finds_each_kind_of_use(tmp_path):
    package = tmp_path / "glasnik"
    (package / "events" / "services").mkdir(parents=True)
    (package / "migrations").mkdir()
    for folder in (package, package / "events", package / "events" / "services"):
        (folder / "__init__.py").write_text("")
    (package / "events" / "services" / "waitlist.py").write_text("def _locked(): ...\n")
    (package / "events" / "services" / "registration.py").write_text(
        "from .waitlist import _locked, __doc__\n"
        "from . import waitlist\n"
        "from glasnik.events.services import waitlist as wl\n"
        "waitlist._locked()\n"
        "wl._locked()\n"
        "self_helper = object()._private\n"
    )
    (package / "events" / "views.py").write_text(
        "import glasnik.events.services.waitlist as waitlist\nwaitlist._locked()\n"
        "from ._hidden import thing\n"
    )
    (package / "migrations" / "0001_initial.py").write_text("from glasnik.x import _y\n")

    found = private_imports(package)

    assert found == [
        "glasnik/events/services/registration.py:1 imports _locked from "
        "glasnik.events.services.waitlist",
        "glasnik/events/services/registration.py:4 uses waitlist._locked",
        "glasnik/events/services/registration.py:5 uses wl._locked",
        "glasnik/events/views.py:3 imports from the private module glasnik.events._hidden",
        "glasnik/events/views.py:2 uses waitlist._locked",
    ]
