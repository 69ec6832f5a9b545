import socket

import pytest

from conftest import NetworkGuardError


def test_connection_to_other_host_fails():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkGuardError, match=r"only 127\.0\.0\.1"):
        sock.connect(("192.0.2.1", 80))
    sock.close()


def test_loopback_is_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=2)
    client.close()
    server.close()
