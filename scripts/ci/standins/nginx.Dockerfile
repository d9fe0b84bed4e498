# Stand-in for nginxinc/nginx-unprivileged (CI only; tagged 1.30-alpine, it is Debian's nginx 1.22,
# the configuration features the web app uses are the same): Debian's nginx, run as uid 101
# on port 8080 with its pid and temporary files in /tmp, and the official entrypoint's
# contract: /docker-entrypoint.d scripts, templates in /etc/nginx/templates rendered
# with envsubst (NGINX_ENVSUBST_TEMPLATE_DIR/_SUFFIX/_OUTPUT_DIR/_FILTER).
FROM todo-standin/debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx-light gettext-base wget \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled /etc/nginx/sites-available \
 && usermod --uid 101 --shell /usr/sbin/nologin www-data 2>/dev/null || true \
 && (getent passwd nginx || useradd --system --uid 101 --no-create-home --shell /usr/sbin/nologin nginx) \
 && mkdir -p /docker-entrypoint.d /etc/nginx/templates /etc/nginx/conf.d /usr/share/nginx/html \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \
 && chown -R 101:0 /var/cache/nginx /etc/nginx/conf.d 2>/dev/null; chown -R 101:0 /etc/nginx/conf.d
COPY nginx-entrypoint.sh /docker-entrypoint.sh
COPY nginx-envsubst.sh /docker-entrypoint.d/20-envsubst-on-templates.sh
COPY nginx.conf /etc/nginx/nginx.conf
RUN chmod +x /docker-entrypoint.sh /docker-entrypoint.d/*.sh
EXPOSE 8080
STOPSIGNAL SIGQUIT
USER 101
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
