"""Screenshots of every page into docs/screenshots/, as docs/web.md shows them.

    python benchmarks/screenshots.py [--out docs/screenshots]

Runs the real pipeline (`wirewatch run`) over examples/ and the seed into a
temporary store, serves it with uvicorn on a free local port, signs in, follows
Turkey and Russia's relations, and photographs each page in headless Chromium
(/usr/bin/chromium, driven by Playwright).
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn
from playwright.sync_api import Page, sync_playwright

from benchmarks.shared import require_shared
from wirewatch.store import open_store
from wirewatch.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "screenshots"


def build(folder: Path) -> str:
    url = f"sqlite:///{folder / 'store.db'}"
    seed = require_shared() / "seed" / "article.txt"
    wirewatch = Path(sys.executable).with_name("wirewatch")
    command = [str(wirewatch), "run", str(ROOT / "examples"), str(seed), "--db", url]
    subprocess.run([*command, "--no-progress"], check=True, capture_output=True)
    return url


def serve(url: str) -> tuple[uvicorn.Server, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(url, token=TOKEN), port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def shoot(page: Page, base: str, path: str, out: Path) -> None:
    page.goto(base + path)
    page.screenshot(path=str(out), full_page=True)
    print(f"{out.relative_to(ROOT)}  <- {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        url = build(Path(scratch))
        with open_store(url) as store:
            seed = store.search("Incirlik", 1)[0].article_id
            turkey = next(e.id for e in store.top_entities(50) if e.name == "Turkey")
        server, base = serve(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            shoot(page, base, "/", args.out / "stories.png")
            shoot(page, base, "/search?q=Incirlik", args.out / "search.png")
            shoot(page, base, f"/articles/{seed}", args.out / "article.png")
            shoot(page, base, f"/entities/{turkey}", args.out / "entity.png")
            page.goto(f"{base}/login?next=/relations/TUR/RUS")
            shoot(page, base, "/login?next=/relations/TUR/RUS", args.out / "login.png")
            page.fill("input[name=token]", TOKEN)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url("**/relations/TUR/RUS")
            page.get_by_role("button", name="Follow").click()
            page.wait_for_load_state()
            shoot(page, base, "/relations/TUR/RUS", args.out / "relations.png")
            shoot(page, base, "/follows", args.out / "follows.png")
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
