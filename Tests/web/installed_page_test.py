"""The installed sunspotd's page, in headless chromium: run by Scripts/install-test.sh.

The daemon was started from a directory without web/, so this fails unless it found the
page it was installed with. Checks that "/" is that page (its <title> and buttons), that
its ES modules and three.js loaded (the 3D canvas exists), and that the console is clean.
"""
import argparse
import re
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--index", required=True, help="the installed index.html, to compare the title with")
    args = parser.parse_args()
    title = re.search(r"<title>(.*?)</title>", open(args.index, encoding="utf-8").read()).group(1)

    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,800",
                "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"]:
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(args.base.rstrip("/") + "/")
        WebDriverWait(driver, 30).until(lambda d: d.title == title)
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "canvas"))
        assert driver.find_element(By.ID, "add-building").is_displayed(), "the + Building button is not shown"
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, f"console errors: {errors}"
        print(f"installed page: title '{driver.title}', {len(driver.find_elements(By.CSS_SELECTOR, 'canvas'))} canvas, no console errors")
    finally:
        driver.quit()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"installed-page test failed: {e}", file=sys.stderr)
        sys.exit(1)
