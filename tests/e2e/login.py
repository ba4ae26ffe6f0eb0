"""Logging in through the real form, as a person does."""

from prongsai.demo.agency import PASSWORD


def log_in(page, base: str, username: str = "ummao-coordinator", password: str = PASSWORD):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")  # everyone lands on their home page
