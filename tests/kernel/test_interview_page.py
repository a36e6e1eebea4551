"""The interview page in a real headless browser (Debian's chromium and chromedriver, driven over
the W3C WebDriver protocol with the standard library): pick a situation, answer, see the result."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from zhengce.kernel import Kernel
from zhengce.kernel.interview import make_server
from zhengce_tradein.plugin import plugin as tradein

from .test_ask import CASE

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER) and not os.environ.get("CI"),
                                reason="chromium and chromium-driver are not installed (.ci/run installs them)")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C web element identifier


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """The few WebDriver commands the test needs."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                         "--window-size=1100,1400"]}}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _call(self, method: str, path: str, body: object = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as res:
            return json.loads(res.read())["value"]

    def cmd(self, method: str, path: str, body: object = None) -> object:
        return self._call(method, f"/session/{self.session}{path}", body)

    def js(self, script: str, *args: object) -> object:
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def wait_for(self, script: str, timeout: float = 30) -> object:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            value = self.js(script)
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for: {script}")

    def click(self, css: str) -> None:
        found = self.cmd("POST", "/element", {"using": "css selector", "value": css})
        el = found.get(ELEMENT) if isinstance(found, dict) else None
        assert el, (css, found)
        self.cmd("POST", f"/element/{el}/click", {})

    def quit(self) -> None:
        self.cmd("DELETE", "")


@pytest.fixture
def page(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "car_two_facts_missing.json").write_text(json.dumps(CASE, ensure_ascii=False), encoding="utf-8")
    from datetime import date

    server = make_server(Kernel([tradein]), cases, "127.0.0.1", 0, as_of=date(2024, 9, 20))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = _free_port()
    driver = subprocess.Popen([DRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        browser = Browser(port)
        try:
            browser.cmd("POST", "/url", {"url": f"http://127.0.0.1:{server.server_address[1]}/"})
            yield browser
        finally:
            browser.quit()
    finally:
        driver.terminate()
        driver.wait(timeout=10)
        server.shutdown()
        server.server_close()


def answer(browser: Browser, fact: str, value: str) -> None:
    browser.wait_for(f"return document.getElementById('fact') && document.getElementById('fact').textContent === {json.dumps(fact)}")
    index = browser.js("return [...document.querySelectorAll('button.answer')].findIndex(b => b.textContent === arguments[0])",
                       json.dumps(value) if value not in ("true", "false") else value)
    assert index >= 0, (fact, value)
    browser.click(f"button.answer[data-i='{index}']")


def test_a_person_answers_the_questions_in_order_and_sees_the_subsidy(page, tmp_path):
    page.wait_for("return document.querySelectorAll('#situation option').length === 1")
    page.js("document.getElementById('lang').value = 'en'")
    page.click("#start")
    page.wait_for("return document.querySelector(\"[data-status='cannot_tell']\")")
    text = page.js("return document.body.innerText")
    assert "It applies if, in addition:" in text and "商消费函〔2024〕75号" in text
    answer(page, "scrappage_application.scrap_certificate_by_qualified_dismantler", "true")  # asked first: it decides 20,000
    answer(page, "new_vehicle.fuel", "nev")
    answer(page, "new_vehicle.in_nev_catalogue", "true")
    page.wait_for("return document.getElementById('done')")
    assert page.js("return document.querySelector('.result').dataset.status") == "applies"
    assert page.js("return document.getElementById('total').textContent") == "Package total (CNY): 20,000.00"
    amounts = page.js("return [...document.querySelectorAll('li.amount')].map(e => e.textContent)")
    assert "Subsidy 20,000.00 CNY" in amounts and "Central share 17,000.00 CNY" in amounts
    shot = base64.b64decode(page.cmd("GET", "/screenshot"))  # docs/interview.png: ZHENGCE_SCREENSHOT=docs/interview.png
    Path(os.environ.get("ZHENGCE_SCREENSHOT", tmp_path / "interview.png")).write_bytes(shot)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    page.js("document.getElementById('lang').value = 'zh'; document.getElementById('lang').onchange()")
    page.wait_for("return document.getElementById('total').textContent.startsWith('政策包合计')")
    assert "补贴" in page.js("return document.body.innerText")
