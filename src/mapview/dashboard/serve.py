"""`mapview serve`: the dashboard from any folder, for an installed mapview.

Streamlit serves static files only from `static/` beside the script it runs, and reads
its settings from `.streamlit/config.toml` in the folder it starts in. An installed
mapview has neither beside the user, and site-packages is no place to write assets. So
`serve` keeps an app folder of its own in mapview's cache (the script, the settings
shipped in the package, the offline assets) and starts Streamlit there, on the dataset
the user named, made absolute before the change of folder.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata, resources
from pathlib import Path

from mapview.data.storage import write_atomic

# The same two lines as the checkout's app.py: the page, with the static folder beside it.
APP_SCRIPT = '''"""mapview dashboard, started by `mapview serve`."""

from pathlib import Path

from mapview.dashboard.page import render

render(Path(__file__).parent / "static")
'''


def config_text() -> str:
    """The Streamlit settings mapview ships (the checkout's .streamlit/config.toml)."""
    return resources.files("mapview.dashboard").joinpath("streamlit-config.toml").read_text()


def app_folder(data: Path, port: int | None, cache: Path | None = None) -> Path:
    """The app folder for this version of mapview serving `data` on `port`, written if
    missing or out of date. One per dataset and port: a server removes the published data
    files it did not write itself, so two servers must not share a static folder."""
    if cache is None:
        from mapview.data.cache import cache_root

        cache = cache_root()
    key = hashlib.sha256(f"{data.resolve()}\n{port}".encode()).hexdigest()[:12]
    folder = cache / "apps" / f"{metadata.version('mapview')}-{key}"
    for path, text in (
        (folder / "app.py", APP_SCRIPT),
        (folder / ".streamlit" / "config.toml", config_text()),
    ):
        if not path.exists() or path.read_text() != text:
            write_atomic(path, text)
    from mapview.dashboard.assets import install_assets

    install_assets(folder / "static")
    return folder


def command(folder: Path, port: int | None = None, address: str | None = None) -> list[str]:
    """`streamlit run` of the folder's script; port and address override the shipped
    settings (which share the dashboard on the local network, port 8501)."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(folder / "app.py")]
    if port is not None:
        cmd += ["--server.port", str(port)]
    if address is not None:
        cmd += ["--server.address", address]
    return cmd


def serve(data: Path | None, port: int | None, address: str | None) -> None:
    """Replace this process with the Streamlit server: signals and exit status are its."""
    from mapview.data.dataset import data_dir

    env = dict(os.environ)
    data = (data or data_dir()).resolve()
    env["MAPVIEW_DATA"] = str(data)
    folder = app_folder(data, port)
    print(f"mapview serve: {data} from {folder}")
    os.chdir(folder)
    cmd = command(folder, port, address)
    sys.stdout.flush()
    os.execve(cmd[0], cmd, env)
