"""Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`):
open a page at a given size, press keys as a person does, evaluate JavaScript, and see which
navigations the page made. It needs no package: the protocol is JSON messages ended by a NUL byte,
on the browser's file descriptors 3 (commands) and 4 (answers and events)."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

_WIRING = """import os, sys
read, write = int(sys.argv[1]), int(sys.argv[2])
os.dup2(read, 3)
os.dup2(write, 4)
for fd in {read, write} - {3, 4}:
    os.close(fd)
os.execv(sys.argv[3], sys.argv[3:])
"""

# Keys by name: what Input.dispatchKeyEvent needs to act as the key (text makes Enter submit).
KEYS = {"Enter": ("Enter", 13, "\r"), "Tab": ("Tab", 9, ""), "Escape": ("Escape", 27, "")}
CTRL = 2  # the protocol's modifier bit for Control


class Browser:
    """One headless Chromium with one page; use as a context manager. Every wait has a deadline,
    and the browser is closed (then killed, with its process group) however the test ends."""

    def __init__(self, chromium: str, profile: Path, timeout: float = 60):
        self.timeout = timeout
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--disable-extensions", "--mute-audio", f"--user-data-dir={profile}", "--remote-debugging-pipe",
                 "about:blank"]
        # A small launcher puts the two pipe ends on the descriptors 3 and 4 the browser reads and
        # writes, then becomes the browser (a shell cannot name descriptors above 9).
        self.process = subprocess.Popen([sys.executable, "-c", _WIRING, str(commands_read), str(answers_write), chromium,
                                         *flags], pass_fds=(commands_read, answers_write),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(commands_read)
        os.close(answers_write)
        self._inbox: queue.Queue = queue.Queue()
        self.events: list[dict] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.session = None

    def __enter__(self) -> Browser:
        try:
            target = self.command("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.command("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime"):
                self.command(f"{domain}.enable")
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self._send({"id": -1, "method": "Browser.close"})
                self.process.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)  # the group this browser leads, by its id
                self.process.wait()
            os.close(self._commands)

    # The protocol

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                self._inbox.put(None)
                os.close(self._answers)
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._inbox.put(json.loads(message))

    def _send(self, message: dict) -> None:
        os.write(self._commands, json.dumps(message).encode() + b"\0")

    def command(self, method: str, params: dict | None = None, timeout: float | None = None) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        self._send(message)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            try:
                answer = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"no answer to {method} in {timeout or self.timeout} s") from None
            if answer is None:
                raise RuntimeError(f"the browser exited during {method}")
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    # What a test does

    def size(self, width: int, height: int, mobile: bool = False) -> None:
        self.command("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def open(self, url: str) -> None:
        """Load `url` and wait until its document has loaded."""
        self.command("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete'")

    def evaluate(self, expression: str):
        result = self.command("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                   "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float | None = None):
        """Evaluate `expression` until it is truthy; its value. A deadline, never a fixed sleep."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout or self.timeout} s: {expression}")
            time.sleep(0.05)

    def type(self, text: str) -> None:
        """Type into the focused field, as a keyboard would."""
        self.command("Input.insertText", {"text": text})

    def press(self, key: str, modifiers: int = 0) -> None:
        name, code, text = KEYS[key]
        down = {"type": "keyDown", "key": name, "code": name, "windowsVirtualKeyCode": code, "modifiers": modifiers}
        if text and not modifiers:
            down["text"] = text
        self.command("Input.dispatchKeyEvent", down)
        self.command("Input.dispatchKeyEvent", {"type": "keyUp", "key": name, "code": name,
                                                "windowsVirtualKeyCode": code, "modifiers": modifiers})

    def navigations(self) -> list[str]:
        """The URLs the page's main frame loaded (a reload counts), since the last call."""
        found = [event["params"]["frame"]["url"] for event in self.events
                 if event["method"] == "Page.frameNavigated" and not event["params"]["frame"].get("parentId")]
        self.events.clear()
        return found
