#!/bin/bash
# Web tier bootstrap (Amazon Linux 2023). Replace with your image's start-up; keep it idempotent.
set -euo pipefail
dnf -y install nginx
cat > /etc/nginx/conf.d/health.conf <<'CONF'
server {
  listen 8080 default_server;
  location = /health { return 200 "ok\n"; }
  location / { proxy_pass http://127.0.0.1:3000; }
}
CONF
systemctl enable --now nginx
