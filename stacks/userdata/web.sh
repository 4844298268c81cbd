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
# The app tier's URL (https://app-<region>.<domain>, a name that resolves only inside this VPC),
# from this instance's tag platform:app-url: the launch template enables metadata tags (IMDSv2).
token=$(curl -fsS -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" http://169.254.169.254/latest/api/token)
app_url=$(curl -fsS -H "X-aws-ec2-metadata-token: $token" \
  http://169.254.169.254/latest/meta-data/tags/instance/platform:app-url)
install -d /etc/platform
printf 'APP_URL=%s\n' "$app_url" > /etc/platform/app.env
