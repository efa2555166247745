"""A real nginx in front of several app processes, as the README's "Deploying for a team" configures it, on a
free loopback port, with its files in a temporary folder (workers as nobody when the tests run as root)."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from tests.teamapp import servers

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CONFIG = """
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
{user}
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/body; proxy_temp_path {root}/proxy; fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi; scgi_temp_path {root}/scgi;
    map $cookie_dcr_route $dcr_route {{ "" $request_id; default $cookie_dcr_route; }}
    map $cookie_dcr_route $dcr_new_route {{ "" "dcr_route=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }}
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream dcr_app {{
        hash $dcr_route consistent;
        {servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 26m;
        location / {{
            add_header Set-Cookie $dcr_new_route always;
            add_header X-Upstream $upstream_addr always;
            proxy_pass http://dcr_app;
            proxy_http_version 1.1;
            proxy_buffering off;  # workers (nobody under root) never need the temporary folders
            proxy_request_buffering off;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 86400;
        }}
    }}
}}
"""


@contextlib.contextmanager
def nginx(root: Path, port: int, upstreams: list[int]) -> Iterator[str]:
    """nginx on 127.0.0.1:`port` routing sticky by cookie to the upstream ports; its URL."""
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    lines = " ".join(f"server 127.0.0.1:{p};" for p in upstreams)
    (root / "nginx.conf").write_text(CONFIG.format(root=root, user=user, servers=lines, port=port), encoding="utf-8")
    cmd = [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-e", str(root / "error.log")]
    url = f"http://127.0.0.1:{port}"
    with servers.running(cmd, dict(os.environ), f"{url}/_stcore/health", root):
        yield url


def available() -> bool:
    """Whether nginx is installed."""
    return Path(NGINX).is_file()
