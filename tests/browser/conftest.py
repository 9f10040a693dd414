"""Browser tests for the Dutch pages: headless Chromium (Debian's chromium + chromium-driver) driven by selenium.

The server is started by scripts/test-server.sh, which passes its URL in BANENAFSPRAAK_URL (and, when a store
with a run is available, an employer token in BANENAFSPRAAK_EMPLOYER_TOKEN with its id in
BANENAFSPRAAK_EMPLOYER_ID).
"""
import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("BANENAFSPRAAK_URL")
    if not url:
        pytest.fail("BANENAFSPRAAK_URL is not set; run scripts/test-server.sh")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.add_argument("--lang=nl-NL")
    options.add_argument("--window-size=1280,900")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    d = webdriver.Chrome(service=service, options=options)
    d.set_page_load_timeout(30)
    yield d
    d.quit()
