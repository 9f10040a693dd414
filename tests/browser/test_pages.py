"""The rekentool, the calculator pages and the employer sign-in, in a real browser (spec 10).

Keyboard only: fields are reached with Tab and filled by typing into the focused element; forms are sent
with Enter. Every page is checked with axe-core (no serious or critical violations) and photographed at
1280 and 390 px into docs/screenshots/.
"""
import os
import re
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
EURO = re.compile(r"^-?€ \d{1,3}(\.\d{3})*,\d{2}$")  # one Dutch formatter everywhere: "-€ 6.687,60"
CALCULATOR_PAGES = ["/lkv", "/loonkostensubsidie", "/no-riskpolis", "/vrijlating"]


def press(driver, *keys):
    ActionChains(driver).send_keys(*keys).perform()


def focused_id(driver):
    return driver.switch_to.active_element.get_attribute("id") or ""


def tab_to(driver, element_id, limit=80):
    """Presses Tab until the element with this id has the focus."""
    for _ in range(limit):
        if focused_id(driver) == element_id:
            return
        press(driver, Keys.TAB)
    raise AssertionError(f"Tab never reached #{element_id}")


def type_into_focused(driver, text):
    press(driver, Keys.END)
    for _ in range(40):
        press(driver, Keys.BACKSPACE)
    press(driver, text)


def wait_for(driver, css):
    """The element once the page that a key press asked for has loaded."""
    return WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_until_gone(driver, element, seconds=10):
    """Waits until `element`'s page has been replaced. Chrome answers a question about an element of a page being
    replaced with a stale-element error or, mid-swap, with another WebDriverException: either means it is gone."""
    def gone(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    WebDriverWait(driver, seconds).until(gone)


def submit(driver):
    """Sends the form with Enter and waits for the new page."""
    old = driver.find_element(By.TAG_NAME, "html")
    press(driver, Keys.ENTER)
    wait_until_gone(driver, old, 15)


def figure(driver, key):
    return wait_for(driver, f'td[data-key="{key}"]').text


def check_axe(driver, name):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    report = "; ".join(f'{v["id"]} ({v["impact"]}): {len(v["nodes"])} nodes' for v in bad)
    print(f"axe {name}: {len(results['violations'])} violations, {len(bad)} serious/critical {report}")
    assert not bad, f"axe on {name}: {report}"


def screenshot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
        driver.set_window_size(width, height)
        driver.execute_script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
        # No horizontal scrolling at this width.
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at {width}px"
        driver.save_screenshot(str(SCREENSHOTS / f"{name}-{width}.png"))
    driver.set_window_size(1280, 900)


def test_rekentool_by_keyboard(driver, base_url):
    driver.get(base_url + "/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    # The skip link is the first stop.
    driver.find_element(By.TAG_NAME, "body")
    press(driver, Keys.TAB)
    assert "inhoud" in (driver.switch_to.active_element.get_attribute("href") or "")
    values = {
        "year": "2024", "hours_total": "100.000", "hours_a": "100.000", "hours_c": "2.000,5",
        "premium_base": "3.250.000,00", "target_group_hours": "1.326; 674,5", "surcharge_percent": "0,5",
        "extra_hours_per_week": "",
    }
    for field, value in values.items():
        tab_to(driver, field)
        type_into_focused(driver, value)
    tab_to(driver, "sector")
    press(driver, "o")  # Overheid
    tab_to(driver, "hours_c")
    submit(driver)
    assert driver.find_element(By.ID, "uitkomst").text == "Uw uitkomst"
    # 2.76% (published, overheid 2024) of 100,000 h = 2,760 h; shortfall floor((2760 − 2000.5) / 1331, 1) = 0.5 job.
    assert figure(driver, "required_hours") == "2.760,00 uur"
    assert figure(driver, "shortfall_jobs") == "0,5"
    assert figure(driver, "levy") == "€ 2.500,00"
    assert figure(driver, "surcharge") == "€ 16.250,00"
    # LKV € 1,01/h per worker, capped at € 2.000: 1326 h → € 1.339,26; 674.5 h → € 681,25.
    assert figure(driver, "lkv") == "€ 2.020,51"
    for key in ("levy", "surcharge", "lkv", "bonus", "net"):
        assert EURO.match(figure(driver, key)), figure(driver, key)
    assert driver.find_element(By.CSS_SELECTOR, "svg.chart")


def test_what_if_one_more_worker(driver, base_url):
    driver.get(base_url + "/")
    tab_to(driver, "hours_c")
    type_into_focused(driver, "1.326")
    tab_to(driver, "extra_hours_per_week")
    type_into_focused(driver, "25,5")
    tab_to(driver, "extra_hourly_wage")
    type_into_focused(driver, "14,06")
    submit(driver)
    summary = driver.find_element(By.ID, "watals-samenvatting").text
    # One more worker of 25.5 h a week (1,326 h a year) lifts A to 101,326 h and C to 2,652 h: required
    # 2.76% × 101,326 = 2,796.59 h, 144.59 h short = 0.1 job; the levy falls from € 5.000,00 to € 500,00.
    assert "De quotumheffing daalt met € 4.500,00" in summary, summary
    rows = driver.find_elements(By.CSS_SELECTOR, "#watals-sectie tbody tr")
    assert len(rows) == 5
    check_axe(driver, "rekentool met wat-als")
    screenshot(driver, "rekentool-uitkomst")


def test_rekentool_error_is_announced(driver, base_url):
    driver.get(base_url + "/")
    tab_to(driver, "hours_total")
    type_into_focused(driver, "12,345")
    submit(driver)
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert "Verloonde uren in dit jaar" in alert.text
    assert driver.find_element(By.ID, "hours_total").get_attribute("aria-invalid") == "true"
    check_axe(driver, "rekentool met fout")


@pytest.mark.parametrize("path", CALCULATOR_PAGES)
def test_calculator_page(driver, base_url, path):
    driver.get(base_url + path)
    check_axe(driver, path)
    tab_to(driver, "date")
    submit(driver)
    cells = driver.find_elements(By.CSS_SELECTOR, "td[data-key]")
    assert cells, f"{path}: no result"
    amounts = [c.text for c in cells if c.text.startswith("€")]
    assert amounts, f"{path}: no amount"
    for a in amounts:
        assert EURO.match(a), a
    check_axe(driver, path + " uitkomst")
    screenshot(driver, path.strip("/"))


def test_hire_page(driver, base_url):
    """One hire, every instrument: the defaults (in the register, from 1 March 2025, 24 hours at € 15,20), by keyboard."""
    driver.get(base_url + "/aanname")
    check_axe(driver, "/aanname")
    tab_to(driver, "hourly_wage")
    type_into_focused(driver, "15,20")
    submit(driver)
    # March to December 2025: 10 × 104 h × € 1,01 = € 1.050,40; 2026: 1.248 h × € 1,01 = € 1.260,48.
    assert figure(driver, "lkv-2025") == "€ 1.050,40"
    assert figure(driver, "lkv-2026") == "€ 1.260,48"
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    check_axe(driver, "/aanname uitkomst")
    screenshot(driver, "aanname")


def test_lkv_with_decimal_comma(driver, base_url):
    driver.get(base_url + "/lkv")
    tab_to(driver, "hours")
    type_into_focused(driver, "86,5")
    submit(driver)
    # 12 months × 86.50 h × € 1,01 = € 1.048,38.
    assert figure(driver, "amount") == "€ 1.048,38"


def test_every_page_passes_axe(driver, base_url):
    for path in ["/", "/aanname", "/inloggen", "/bestaat-niet"] + CALCULATOR_PAGES:
        driver.get(base_url + path)
        check_axe(driver, path)
    driver.get(base_url + "/")
    screenshot(driver, "rekentool")
    driver.get(base_url + "/inloggen")
    screenshot(driver, "inloggen")


def test_employer_sign_in(driver, base_url):
    token = os.environ.get("BANENAFSPRAAK_EMPLOYER_TOKEN")
    employer = os.environ.get("BANENAFSPRAAK_EMPLOYER_ID")
    driver.get(base_url + "/inloggen")
    tab_to(driver, "token")
    type_into_focused(driver, "geen-geldig-token")
    submit(driver)
    assert "niet geldig" in driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    if not token:
        pytest.skip("no store with a run: the script sets BANENAFSPRAAK_EMPLOYER_TOKEN when it has one")
    tab_to(driver, "token")
    type_into_focused(driver, token)
    submit(driver)
    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert employer in heading
    assert EURO.match(figure(driver, "levy"))
    check_axe(driver, "werkgever")
    screenshot(driver, "werkgever")
    # Signing out (a form with its CSRF value) ends the session: the page sends the browser back to sign in.
    sign_out = driver.find_element(By.CSS_SELECTOR, "form[action='/uitloggen'] button")
    sign_out.click()
    # The click only starts the post: wait until its answer has replaced the page, or the next get races it.
    wait_until_gone(driver, sign_out)
    WebDriverWait(driver, 10).until(lambda d: not d.current_url.endswith("/werkgever"))
    driver.get(base_url + "/werkgever")
    assert driver.current_url.endswith("/inloggen")


def api(base_url, method, path, token, body=None):
    """A call to the JSON API with a bearer token (the analyst's side of the objection flow)."""
    import json
    import urllib.request
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=15) as response:
        return response.status, json.loads(response.read())


def test_objection_flow(driver, base_url):
    """Spec 14: an employer signs in, opens its decision, objects by keyboard; an analyst upholds it with a reason;
    the employer sees the outcome."""
    token = os.environ.get("BANENAFSPRAAK_DECISION_EMPLOYER_TOKEN")
    analyst = os.environ.get("BANENAFSPRAAK_ANALYST_TOKEN")
    employer = os.environ.get("BANENAFSPRAAK_DECISION_EMPLOYER_ID")
    if not token or not analyst:
        pytest.skip("no store with decisions: the script sets BANENAFSPRAAK_DECISION_EMPLOYER_TOKEN when it has one")
    driver.get(base_url + "/inloggen")
    tab_to(driver, "token")
    type_into_focused(driver, token)
    submit(driver)
    decision = f"SIM-2024-{employer}-R1"
    link = driver.find_element(By.CSS_SELECTOR, f"a[href='/werkgever/beschikkingen/{decision}']")
    check_axe(driver, "werkgever met beschikkingen")
    link.click()
    wait_for(driver, "#bezwaar-maken")
    assert "Simulatie, geen beschikking" in driver.find_element(By.TAG_NAME, "h1").text
    check_axe(driver, "beschikking")
    screenshot(driver, "beschikking")
    tab_to(driver, "grounds")
    press(driver, "De uren van arbeidsbeperkten zijn te laag: een correctie over december ontbreekt.")
    tab_to(driver, "disputed")
    type_into_focused(driver, "hours_c")
    submit(driver)
    assert "ontvangen" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    status, objections = api(base_url, "GET", "/api/v1/objections", analyst)
    mine = [o for o in objections if o["decision_id"] == decision]
    assert status == 200 and mine and mine[-1]["status"] == "open"
    status, decided = api(base_url, "POST", f"/api/v1/objections/{mine[-1]['id']}/decision", analyst,
                          {"outcome": "upheld", "reason": "De correctie is ontvangen; een herziening volgt."})
    assert status == 200 and decided["status"] == "upheld"
    driver.get(base_url + f"/werkgever/beschikkingen/{decision}")
    text = driver.find_element(By.ID, "bezwaren").find_element(By.XPATH, "..").text
    assert "gegrond" in text and "een herziening volgt" in text
    check_axe(driver, "beschikking met uitkomst van het bezwaar")
    screenshot(driver, "bezwaar-uitkomst")
    sign_out = driver.find_element(By.CSS_SELECTOR, "a[href='/werkgever']")
    sign_out.click()
    wait_until_gone(driver, sign_out)
    out = driver.find_element(By.CSS_SELECTOR, "form[action='/uitloggen'] button")
    out.click()
    wait_until_gone(driver, out)
