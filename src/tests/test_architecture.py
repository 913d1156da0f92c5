"""The shape of the code, checked by reading it.

Apps depend one way. Each app of src/glasnik may import only apps on its own line or below it
(module-level and function-level imports alike; migrations left out):

    project: settings, urls, wsgi   configuration and the root URLconf, may import anything
    site                            pages and commands above the domain apps: the dashboard, the
                                    audit log, programme reports, the demo and seed commands
    competitions, mentoring         the competition of municipalities; mentoring sessions' question
                                    queues, pairs, office hours and reviews of work
    surveys
    certificates
    events                          meetings and programme events (an event belongs to a
                                    network or a programme)
    programs
    networks
    accounts                        people, their positions in institutions
    organizations                   institutions
    access                          roles and their grants
    core                            shared kernel: languages, transliteration, mail outbox, cache
    audit                           the audit log's records and `log_action`
    formats                         locale format modules, import nothing

A lower app that must reach a higher one does it through a signal it declares (e.g.
`accounts.signals.person_renamed`, which networks connects to in its AppConfig.ready) or by
the higher app registering itself, never by importing it. So the import graph has no cycle.

A leading underscore means "only this module": no module of src/glasnik imports another
module's private name (`from .waitlist import _locked`), imports a private module, or reaches
into an imported module for one (`waitlist._promote(...)`). A helper another module needs is
public and named for what it does. Migrations are generated code and are left out.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

GLASNIK = Path(__file__).resolve().parents[1] / "glasnik"

# Lowest first; an app may import its own layer and the layers below it.
LAYERS = (
    ("formats",),
    ("audit",),
    ("core",),
    ("access",),
    ("organizations",),
    ("accounts",),
    ("networks",),
    ("programs",),
    ("events",),
    ("certificates",),
    ("surveys",),
    ("competitions", "mentoring"),
    ("toolkit",),
    ("coach", "proposals"),
    ("content",),
    ("cards",),
    ("site",),
    ("settings", "urls", "wsgi"),
)


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


# --- apps depend one way ---------------------------------------------------------------------


@dataclass(frozen=True)
class AppImport:
    where: str  # glasnik/accounts/services.py:28
    importer: str  # accounts
    imported: str  # networks
    module_level: bool

    def __str__(self) -> str:
        kind = "" if self.module_level else " (in a function)"
        return f"{self.where} imports {self.imported}{kind}"


def _imported_names(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    source = _absolute(node.module, node.level, importer, is_package)
    if source.count(".") == 0:  # from glasnik import events
        return [f"{source}.{alias.name}" for alias in node.names]
    return [source]


def _app_of(module: str, root: Path) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == root.name and len(parts) > 1 else None


def app_imports(root: Path) -> list[AppImport]:
    """Every import under `root` (migrations left out) of one app by another."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        importer = _module_name(path, root)
        importer_app = _app_of(importer, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        module_level = {id(node) for node in tree.body}
        # Imports under a module-level `if`/`try` run at import time too.
        for statement in tree.body:
            if isinstance(statement, ast.If | ast.Try):
                module_level |= {id(node) for node in ast.walk(statement)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            names = _imported_names(node, importer, path.name == "__init__.py")
            for imported in {_app_of(name, root) for name in names} - {importer_app, None}:
                found.append(
                    AppImport(
                        f"{path.relative_to(root.parent)}:{node.lineno}",
                        importer_app,
                        imported,
                        id(node) in module_level,
                    )
                )
    return found


def app_graph(imports: list[AppImport]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for found in imports:
        graph.setdefault(found.importer, set()).add(found.imported)
    return graph


def graph_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one app (Tarjan), each sorted."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in sorted(graph.get(app, ())):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == app:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for app in sorted(graph):
        if app not in index:
            visit(app)
    return sorted(cycles)


def upward_imports(imports: list[AppImport], layers=LAYERS) -> list[str]:
    """The imports of a higher app by a lower one, and of an app no layer names."""
    height = {app: level for level, apps in enumerate(layers) for app in apps}
    return [
        str(found)
        if found.importer in height and found.imported in height
        else f"{found.where}: {found.importer} or {found.imported} is in no layer"
        for found in imports
        if height.get(found.importer, -1) < height.get(found.imported, len(layers))
    ]


def test_every_app_has_a_layer():
    apps = {
        path.stem if path.is_file() else path.name
        for path in GLASNIK.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()
    }
    layered = {app for layer in LAYERS for app in layer}

    assert apps - layered == set(), "Place each new app in LAYERS (lowest first)"


def test_apps_depend_one_way():
    found = upward_imports(app_imports(GLASNIK))

    assert found == [], (
        "A lower app imports a higher one (see LAYERS in this file). Move the code up, or let "
        "the higher app connect to a signal the lower one declares:\n" + "\n".join(found)
    )


def test_import_graph_has_no_cycle():
    graph = app_graph(app_imports(GLASNIK))

    assert graph_cycles(graph) == []


def test_import_analysis_sees_each_kind_of_import(tmp_path):
    package = tmp_path / "glasnik"
    for folder in ("core", "accounts", "networks", "networks/services", "migrations"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "core" / "text.py").write_text("import glasnik.core.other\n")
    (package / "networks" / "services" / "members.py").write_text(
        "from ...accounts.models import User\nfrom glasnik.core import text\n"
    )
    (package / "accounts" / "services.py").write_text(
        "from glasnik import core\n"
        "try:\n    import glasnik.networks.models\nexcept ImportError:\n    pass\n"
        "def rename():\n    from ..networks.services import members\n"
    )
    (package / "migrations" / "0001_initial.py").write_text("import glasnik.networks\n")
    layers = (("core",), ("accounts",), ("networks",))

    imports = app_imports(package)

    assert [str(found) for found in imports] == [
        "glasnik/accounts/services.py:1 imports core",
        "glasnik/accounts/services.py:3 imports networks",
        "glasnik/accounts/services.py:7 imports networks (in a function)",
        "glasnik/networks/services/members.py:1 imports accounts",
        "glasnik/networks/services/members.py:2 imports core",
    ]
    assert upward_imports(imports, layers) == [
        "glasnik/accounts/services.py:3 imports networks",
        "glasnik/accounts/services.py:7 imports networks (in a function)",
    ]
    assert upward_imports(imports, (("accounts",), ("networks",))) == [
        "glasnik/accounts/services.py:1: accounts or core is in no layer",
        "glasnik/accounts/services.py:3 imports networks",
        "glasnik/accounts/services.py:7 imports networks (in a function)",
        "glasnik/networks/services/members.py:2: networks or core is in no layer",
    ]
    assert graph_cycles(app_graph(imports)) == [["accounts", "networks"]]
    assert graph_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


# --- one folder convention ------------------------------------------------------------------

SPLIT_BY_NAME = ("views_", "forms_", "urls_", "services_", "selectors_")


def modules_split_by_name(root: Path) -> list[str]:
    """Modules named like `views_calls.py` beside `views.py`: an app with several views (forms,
    URL lists, services, selectors) keeps them in a package, `views/calls.py`."""
    return [
        str(path.relative_to(root.parent))
        for path in sorted(root.rglob("*.py"))
        if path.name.startswith(SPLIT_BY_NAME)
    ]


def test_apps_keep_several_views_forms_or_urls_in_a_package():
    assert modules_split_by_name(GLASNIK) == []


def test_modules_split_by_name_are_found(tmp_path):
    app = tmp_path / "glasnik" / "app"
    (app / "views").mkdir(parents=True)
    for name in ("views_calls.py", "urls_more.py", "views/calls.py", "models.py"):
        (app / name).write_text("")

    assert modules_split_by_name(tmp_path / "glasnik") == [
        "glasnik/app/urls_more.py",
        "glasnik/app/views_calls.py",
    ]


def star_imports(root: Path) -> list[str]:
    """Every `from … import *` below `root`: a name should say where it comes from."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found.extend(
            f"{path.relative_to(root.parent)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)
        )
    return found


def test_no_star_imports_in_the_code_or_the_tests():
    tests = Path(__file__).resolve().parent
    # Settings for each environment extend the base settings with one, as Django's do.
    in_code = [
        place for place in star_imports(GLASNIK) if not place.startswith("glasnik/settings/")
    ]
    assert in_code + star_imports(tests) == []


def test_star_imports_are_found(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("from os import path\nfrom fixtures import *\n")

    assert star_imports(tmp_path / "pkg") == ["pkg/a.py:2"]
