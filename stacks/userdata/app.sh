#!/bin/bash
# App tier bootstrap (Amazon Linux 2023). Replace with your service's start-up; keep it idempotent.
set -euo pipefail
dnf -y install nginx
cat > /etc/nginx/conf.d/health.conf <<'CONF'
server {
  listen 8080 default_server;
  location = /health { return 200 "ok\n"; }
}
CONF
systemctl enable --now nginx
