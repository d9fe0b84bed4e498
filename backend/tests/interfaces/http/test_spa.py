"""The built web app served by the backend (FRONTEND_DIST, a one-port local run): its files,
index.html for the app's own routes, and never a file from outside the build folder."""

import http.client

import httpx
import pytest

from tests.conftest import chatbot


@pytest.fixture(scope="module")
def site(tmp_path_factory, database_url):
    root = tmp_path_factory.mktemp("site")
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<html>the app</html>")
    (dist / "assets" / "app-1234.js").write_text("console.log('app')")
    (dist / "robots.txt").write_text("User-agent: *")
    (root / "secret.txt").write_text("outside the build folder")
    with chatbot(database_url, frontend_dist=str(dist)) as url:
        yield url


def test_files_and_the_apps_own_routes(site):
    asset = httpx.get(f"{site}/assets/app-1234.js")
    assert asset.text == "console.log('app')" and "immutable" in asset.headers["cache-control"]
    assert httpx.get(f"{site}/robots.txt").headers["cache-control"] == "no-cache"
    for path in ("/", "/tasks/today", "/conversations/3"):
        r = httpx.get(site + path)
        assert r.status_code == 200 and r.text == "<html>the app</html>" and r.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "//etc/passwd",
    ],
)
def test_paths_out_of_the_build_folder_get_the_app_not_the_file(site, path):
    host, port = site.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)  # sends the path as written (httpx removes "..")
    conn.request("GET", path)
    r = conn.getresponse()
    text = r.read().decode("utf-8", "replace")
    conn.close()
    assert r.status in (200, 404)
    assert "outside the build folder" not in text and "root:" not in text


@pytest.mark.parametrize("path", ["/api/nothing-here", "/health/nothing", "/mcpx"])
def test_api_paths_are_never_answered_with_the_app(site, path):
    r = httpx.get(site + path)
    assert r.status_code in (401, 404, 405) and "the app" not in r.text
