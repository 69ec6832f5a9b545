"""Who holds a claim: ``host:pid`` names this process, and a claim of this host whose process is gone is dead."""

from __future__ import annotations

import os
import socket


def this_process() -> str:
    """``host:pid`` of the running process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this host and is not a zombie (unsure counts as alive)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:
        return True


def holder_is_gone(holder: str) -> bool | None:
    """For a ``host:pid[:…]`` holder: True when it is of this host and its process is gone, False when it is this
    host's and alive, None when it is another host's (only a timeout can tell)."""
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return None
    return not process_alive(int(pid))
