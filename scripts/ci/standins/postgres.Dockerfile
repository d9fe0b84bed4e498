# Stand-in for postgres:16 (CI only): Debian's PostgreSQL server with the official
# image's contract: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, data in
# $PGDATA (/var/lib/postgresql/data), the postgres user with uid 999 or any other
# uid (nss_wrapper, as the official image does), POSTGRES_PASSWORD_FILE, port 5432.
FROM todo-standin/debian:bookworm
RUN groupadd --system --gid 999 postgres && useradd --system --uid 999 --gid 999 --home-dir /var/lib/postgresql postgres \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15 libnss-wrapper \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql && chmod 3777 /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod +x /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
