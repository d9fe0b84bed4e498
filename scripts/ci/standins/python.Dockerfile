# Stand-in for python:3.11-slim (CI only): Debian's Python 3.11 where the official
# image keeps its own, in /usr/local/bin, with pip and venv.
FROM todo-standin/debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv python3-pip \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s /usr/bin/python3 /usr/local/bin/python \
 && ln -s /usr/bin/python3 /usr/local/bin/python3 \
 && ln -s /usr/bin/python3.11 /usr/local/bin/python3.11 \
 && ln -s /usr/bin/pip3 /usr/local/bin/pip
ENV LANG=C.UTF-8 PYTHON_VERSION=3.11
CMD ["python3"]
