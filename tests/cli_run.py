"""main.py run as a scheduled job runs it, for the command-line tests: a subprocess with no terminal,
no password in the environment, and logs and settings kept out of the real user's home."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main_runner(scratch: str):
    """``run(*args, env=None)``: main.py with ``args``, its data and config homes in ``scratch``."""
    def run(*args, env=None):
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=scratch, XDG_CONFIG_HOME=scratch)
        environment.pop("PMDESK_PASSWORD", None)
        environment.update(env or {})
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                              env=environment, stdin=subprocess.DEVNULL, timeout=120)
    return run
