"""Running the server without a network of its own: it answers on the socket it bound, and can open no other.

On Linux, after binding its listening socket and before opening the store, `spinekg serve` moves into a
network namespace of its own (``unshare(CLONE_NEWNET)``, inside a new user namespace when it lacks the
privilege for a network namespace alone). The new namespace has only a loopback interface that is down:
a connection to any address fails with "network unreachable", while the listening socket, which belongs to
the namespace it was made in, keeps accepting clients. The query worker processes the server starts
inherit the namespace. So no query, update or parser disagreement can make the server reach another host
(server-side request forgery), whatever the request says; refusing SERVICE and LOAD (sparql_check.py)
then gives the client a clear message instead of a failed connection.

Where the system forbids namespaces (no Linux, user namespaces disabled), the server says so in its log
and relies on the parse-based refusal alone.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def isolate_network() -> str | None:
    """Leave the network: None when done, else why not (the caller logs it). Call while single-threaded."""
    if not sys.platform.startswith("linux"):
        return f"network namespaces are a Linux feature (this is {sys.platform})"
    if threading.active_count() > 1:
        return "the process already runs several threads (a namespace must be entered before any starts)"
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError as exc:
        return f"the C library cannot be loaded: {exc}"
    if libc.unshare(CLONE_NEWNET) == 0:
        return None
    first = os.strerror(ctypes.get_errno())
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        return f"unshare failed ({first}; with a user namespace: {os.strerror(ctypes.get_errno())})"
    try:  # keep our own user and group ids inside the new user namespace (files stay ours)
        with open("/proc/self/setgroups", "w") as f:
            f.write("deny")
        with open("/proc/self/uid_map", "w") as f:
            f.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as f:
            f.write(f"{gid} {gid} 1")
    except OSError:
        pass  # the ids show as 'nobody' inside, access to our own files is unchanged
    return None


def network_is_isolated() -> bool:
    """Whether this process can reach no other host (checked by trying a connection to a public address)."""
    import socket

    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): a UDP connect sends nothing, it only routes
    except OSError:
        return True
    finally:
        s.close()
    return False
