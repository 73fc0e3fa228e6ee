"""JupyterLab in a real headless browser: notebook 02 opened, every cell run, figures shown, saved.

Drives Debian's chromium through its chromedriver (selenium; nothing is downloaded at run time) against
`jupyter lab` started on 127.0.0.1 on a free port with a token and the project's Jupyter
configuration, on a copy of notebooks/. Skipped, with the reason, where no browser is installed
(`.ci/run` installs it with apt). Bounded in time; the server and its kernels are stopped at the end.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

NOTEBOOK = "02-gdp-per-capita.ipynb"
FIGURES = 3  # the figures notebook 02 shows
DEADLINE = 240  # seconds for the whole test: start, run all cells, save

BROWSER = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
DRIVER = shutil.which("chromedriver")


def _skip_reason() -> str | None:
    if BROWSER is None or DRIVER is None:
        return "no headless browser (chromium and chromedriver): apt-get install chromium chromium-driver"
    for module in ("selenium", "jupyterlab"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install -e '.[test]')"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=str(_skip_reason()))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(config_dir: Path) -> None:
    """A Jupyter configuration of the test's own (the user's ~/.jupyter is not read): no news or
    update checks (no test touches the internet), every cell rendered, the app reachable from the page."""
    (config_dir / "jupyter_lab_config.py").write_text(
        "c.LabApp.news_url = None\n"
        "c.LabApp.check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'\n"
        "c.LabApp.expose_app_in_browser = True\n",
        encoding="utf-8",
    )
    user = config_dir / "lab" / "user-settings" / "@jupyterlab"
    for plugin, values in {
        "apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
        "notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }.items():
        (user / plugin).parent.mkdir(parents=True, exist_ok=True)
        (user / plugin).write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture
def lab(tmp_path):
    """`jupyter lab` on a copy of notebooks/, with the project's Jupyter configuration (as `make lab`)."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns(".*"))
    home = tmp_path / "jupyter"
    for sub in ("config", "data", "runtime", "ipython"):
        (home / sub).mkdir(parents=True)
    _settings(home / "config")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_CONFIG_PATH": str(ROOT / "jupyter"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={notebooks}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(tmp_path / "jupyter.log", "wb")  # noqa: SIM115 (closed below, after the server)
    server = subprocess.Popen(
        command, cwd=notebooks, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() - started > 90:
                pytest.fail(
                    f"JupyterLab did not start: {(tmp_path / 'jupyter.log').read_text(errors='replace')[-2000:]}"
                )
            time.sleep(0.5)
        yield base, token, notebooks
    finally:
        _stop(server, base, token)
        log.close()


def _stop(server: subprocess.Popen, base: str, token: str) -> None:
    """Ask the server to shut down (it stops its kernels); if it does not, end its process group."""
    try:
        request = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
        urllib.request.urlopen(request, timeout=10).close()
    except OSError:
        pass
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture
def browser(tmp_path, monkeypatch):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(BROWSER)
    for arg in (
        "--headless=new",
        "--no-sandbox",  # as root in a container
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        f"--user-data-dir={tmp_path / 'chromium'}",
    ):
        options.add_argument(arg)
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium's driver manager never downloads anything
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_script_timeout(DEADLINE)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, script: str, what: str, until: float):
    """Poll ``script`` (JavaScript returning a value) until it is truthy or the deadline passes."""
    while True:
        value = driver.execute_script(script)
        if value:
            return value
        if time.monotonic() > until:
            pytest.fail(f"JupyterLab: {what} did not happen in time")
        time.sleep(0.5)


# The notebook's panel: the current widget, else (a headless browser has no focus, and JupyterLab 4.6 then
# leaves currentWidget empty) the main-area widget showing the notebook, activated so that commands act on it.
PANEL = (
    "const app = window.jupyterapp; let p = app && app.shell.currentWidget;"
    "if (app && !(p && p.context)) { p = null;"
    " for (const w of app.shell.widgets('main')) {"
    f" if (w.context && w.context.path.endsWith('{NOTEBOOK}')) {{ p = w; }} }}"
    " if (p) { app.shell.activateById(p.id); } }"
)


def test_notebook_02_runs_in_jupyterlab_in_a_browser_shows_its_figures_and_saves_clean(lab, browser, tmp_path):
    base, token, notebooks = lab
    until = time.monotonic() + DEADLINE
    browser.get(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
    _wait(
        browser,
        PANEL + "return !!(p && p.context && p.context.isReady && p.sessionContext.session"
        " && p.sessionContext.session.kernel && p.sessionContext.session.kernel.status === 'idle');",
        "opening the notebook and starting its kernel",
        until,
    )
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.jupyterapp.commands.execute('notebook:run-all-cells').then(() => done(true), e => done(String(e)));"
    )
    notebook = _wait(
        browser,
        PANEL + "const nb = p.context.model.toJSON();"
        "const code = nb.cells.filter(c => c.cell_type === 'code');"
        "const busy = p.sessionContext.session.kernel.status !== 'idle';"
        "return (!busy && code.every(c => c.execution_count)) ? nb : null;",
        "running every cell",
        until,
    )
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, [f"{o['ename']}: {o['evalue']}" for o in errors]
    assert all(c["execution_count"] for c in code)
    assert sum("image/png" in o.get("data", {}) for c in code for o in c["outputs"]) == FIGURES
    # the figures are on the page, loaded and drawn at a readable size
    images = _wait(
        browser,
        "const imgs = [...document.querySelectorAll('.jp-OutputArea-output img')];"
        "imgs.forEach(i => i.scrollIntoView());"
        "return imgs.length && imgs.every(i => i.complete && i.naturalWidth > 0)"
        " ? imgs.map(i => [i.naturalWidth, i.getBoundingClientRect().width, i.alt]) : null;",
        "showing the figures",
        until,
    )
    assert len(images) == FIGURES
    assert all(natural > 1000 and shown >= 400 for natural, shown, _alt in images), images
    tables = browser.execute_script(
        "return [...document.querySelectorAll('.jp-OutputArea-output table')].map(t => t.innerText);"
    )
    assert tables and not [t for t in tables if "NaN" in t]
    assert any("," in t for t in tables)  # Latvian decimals: 50,0
    browser.execute_script("document.querySelector('.jp-OutputArea-output img').scrollIntoView({block: 'center'});")
    browser.save_screenshot(str(tmp_path / "notebook-02.png"))
    # saved from the browser, the notebook is the committed file again: git stays clean
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.jupyterapp.commands.execute('docmanager:save').then(() => done(true), e => done(String(e)));"
    )
    _wait(browser, PANEL + "return !p.context.model.dirty;", "saving the notebook", until)
    assert (notebooks / NOTEBOOK).read_bytes() == (ROOT / "notebooks" / NOTEBOOK).read_bytes()
