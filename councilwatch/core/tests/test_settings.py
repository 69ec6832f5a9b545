"""Settings come from the environment; the development secret key refuses to serve with DEBUG off."""

import os
import subprocess
import sys

from django.conf import settings


def _start(env: dict[str, str], drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """Start Django in a fresh interpreter with ``env`` set and the variables in ``drop`` unset."""
    code = "import django; django.setup(); print('started')"
    base = {k: v for k, v in os.environ.items() if k not in drop}
    full = {**base, "DJANGO_SETTINGS_MODULE": "councilwatch.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=60
    )


def test_development_key_refuses_to_start_with_debug_off():
    result = _start({"DEBUG": "0"}, drop=("SECRET_KEY",))
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a private value when DEBUG is off" in result.stderr


def test_a_private_key_starts_with_debug_off():
    result = _start({"DEBUG": "0", "SECRET_KEY": "a-private-value-for-this-test-only"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("started")


def test_bad_number_names_the_setting():
    result = _start({"EMAIL_PORT": "twenty-five"})
    assert result.returncode != 0
    assert "setting EMAIL_PORT must be a whole number, got 'twenty-five'" in result.stderr


def _printed(env: dict[str, str], expression: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "councilwatch.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_hsts_is_on_with_debug_off_and_off_in_development():
    production = {"DEBUG": "0", "SECRET_KEY": "a-private-value-for-this-test-only"}
    assert _printed(production, "settings.SECURE_HSTS_SECONDS") == "31536000"
    assert _printed({"DEBUG": "1"}, "settings.SECURE_HSTS_SECONDS") == "0"
    behind_proxy = {**production, "API_NUM_PROXIES": "1"}
    assert _printed(behind_proxy, "settings.SECURE_PROXY_SSL_HEADER") == "('HTTP_X_FORWARDED_PROTO', 'https')"
