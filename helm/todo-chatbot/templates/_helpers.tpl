{{/*
Names, labels and shared snippets, after the `helm create` scaffold.
*/}}

{{- define "todo-chatbot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A fully qualified app name (63 characters at most: some Kubernetes name fields
are limited to this). If the release name contains the chart name it is used
as the full name.
*/}}
{{- define "todo-chatbot.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "todo-chatbot.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" . }}
{{ include "todo-chatbot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- end }}

{{- define "todo-chatbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of one component: include "todo-chatbot.componentLabels" (list . "backend") */}}
{{- define "todo-chatbot.componentLabels" -}}
{{ include "todo-chatbot.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "todo-chatbot.componentSelectorLabels" -}}
{{ include "todo-chatbot.selectorLabels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "todo-chatbot.backend.fullname" -}}
{{- printf "%s-backend" (include "todo-chatbot.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "todo-chatbot.frontend.fullname" -}}
{{- printf "%s-frontend" (include "todo-chatbot.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "todo-chatbot.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "todo-chatbot.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The StatefulSet's headless (governing) Service. */}}
{{- define "todo-chatbot.postgresql.headlessName" -}}
{{- printf "%s-hl" (include "todo-chatbot.postgresql.fullname" . | trunc 60 | trimSuffix "-") }}
{{- end }}

{{- define "todo-chatbot.configMapName" -}}
{{- printf "%s-config" (include "todo-chatbot.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The Secret the pods read: the user's existingSecret, or the chart's own. */}}
{{- define "todo-chatbot.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else }}
{{- printf "%s-secret" (include "todo-chatbot.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "todo-chatbot.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The in-chart PostgreSQL runs only when no database URL comes from elsewhere. */}}
{{- define "todo-chatbot.postgresql.enabled" -}}
{{- if and .Values.postgresql.enabled (not .Values.secrets.databaseUrl) (not .Values.existingSecret) }}true{{- end }}
{{- end }}

{{/* The frontend reaches the backend by its fully qualified Service name (nginx's resolver does not search domains). */}}
{{- define "todo-chatbot.backendUrl" -}}
{{- if .Values.frontend.backendUrl }}
{{- .Values.frontend.backendUrl }}
{{- else }}
{{- printf "http://%s.%s.svc.%s:%v" (include "todo-chatbot.backend.fullname" .) .Release.Namespace .Values.clusterDomain .Values.backend.service.port }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.image" -}}
{{- printf "%s:%s" .repository (.tag | toString) }}
{{- end }}

{{/*
A value kept across upgrades and reinstalls: the given one, else the one already
in the Secret (lookup), else a new random one.
Usage: include "todo-chatbot.keptSecret" (dict "ctx" . "key" "BETTER_AUTH_SECRET" "given" .Values.secrets.betterAuthSecret "length" 48)
*/}}
{{- define "todo-chatbot.keptSecret" -}}
{{- if .given }}
{{- .given }}
{{- else }}
{{- $existing := lookup "v1" "Secret" .ctx.Release.Namespace (include "todo-chatbot.secretName" .ctx) }}
{{- if and $existing $existing.data (hasKey $existing.data .key) }}
{{- index $existing.data .key | b64dec }}
{{- else }}
{{- randAlphaNum (int .length) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Container security context of every workload (restricted Pod Security Standard). */}}
{{- define "todo-chatbot.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Environment of the backend's containers: the ConfigMap, plus extraEnv. Secrets come as files (below). */}}
{{- define "todo-chatbot.backendEnv" -}}
envFrom:
  - configMapRef:
      name: {{ include "todo-chatbot.configMapName" . }}
{{- with .Values.backend.extraEnv }}
env:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The secrets as files in /run/secrets, named like the variables (DATABASE_URL, ...),
where the backend reads them: from the chart's Secret or from existingSecret's keys.
The API keys may be missing from an existingSecret.
*/}}
{{- define "todo-chatbot.secretsVolume" -}}
- name: secrets
  projected:
    defaultMode: 0440
    sources:
      {{- range $name, $key := .Values.existingSecretKeys }}
      - secret:
          name: {{ include "todo-chatbot.secretName" $ }}
          items:
            - key: {{ if $.Values.existingSecret }}{{ $key }}{{ else }}{{ include "todo-chatbot.envName" $name }}{{ end }}
              path: {{ include "todo-chatbot.envName" $name }}
          optional: {{ and (ne $name "databaseUrl") (ne $name "betterAuthSecret") }}
      {{- end }}
{{- end }}

{{- define "todo-chatbot.envName" -}}
{{- get (dict "databaseUrl" "DATABASE_URL" "betterAuthSecret" "BETTER_AUTH_SECRET" "openaiApiKey" "OPENAI_API_KEY" "groqApiKey" "GROQ_API_KEY") . }}
{{- end }}

{{/* A probe from a values block ({enabled, path, ...timings}); empty when disabled. */}}
{{- define "todo-chatbot.httpProbe" -}}
{{- $probe := index . 0 -}}
{{- if $probe.enabled }}
httpGet:
  path: {{ $probe.path }}
  port: http
{{- range $k := list "initialDelaySeconds" "periodSeconds" "timeoutSeconds" "failureThreshold" "successThreshold" }}
{{- if hasKey $probe $k }}
{{ $k }}: {{ index $probe $k }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The checksum that rolls the backend when its secrets change: a hash of the values
given for them, never of the generated ones (a fresh random value on every render
would change it each time). Generated values never change once made (lookup).
*/}}
{{- define "todo-chatbot.secretValuesChecksum" -}}
{{- dict "secrets" .Values.secrets "postgresql" (dict "enabled" (include "todo-chatbot.postgresql.enabled" .) "auth" .Values.postgresql.auth) | toYaml | sha256sum }}
{{- end }}

{{/*
A stopping pod first sleeps while Services and proxies drop its endpoint, so no new
request reaches a closed port (no 502s during rollouts); then it gets SIGTERM.
Fails when the grace period would not even cover the sleep.
Usage: include "todo-chatbot.preStop" (list .Values.backend "backend")
*/}}
{{- define "todo-chatbot.preStop" -}}
{{- $values := index . 0 }}
{{- $sleep := int $values.preStopSleepSeconds }}
{{- if ge $sleep (int $values.terminationGracePeriodSeconds) }}
{{- fail (printf "%s.terminationGracePeriodSeconds (%d) must be longer than %s.preStopSleepSeconds (%d): the pod would be killed before it shuts down" (index . 1) (int $values.terminationGracePeriodSeconds) (index . 1) $sleep) }}
{{- end }}
{{- if gt $sleep 0 }}
lifecycle:
  preStop:
    exec:
      command: ["sleep", "{{ $sleep }}"]
{{- end }}
{{- end }}

{{/* The TCP port of a URL: the one it names, else its scheme's (PostgreSQL 5432, http 80, else 443). */}}
{{- define "todo-chatbot.urlPort" -}}
{{- $url := urlParse . }}
{{- $last := last (splitList ":" $url.host) }}
{{- if and (contains ":" $url.host) (regexMatch "^[0-9]+$" $last) }}{{ $last }}
{{- else if hasPrefix "postgres" $url.scheme }}5432
{{- else if eq $url.scheme "http" }}80
{{- else }}443
{{- end }}
{{- end }}

{{/* Whether the backend may call a model API: a key, existingSecret (which may hold one) or a server's URL, unless the provider is "offline". */}}
{{- define "todo-chatbot.modelApi" -}}
{{- if ne .Values.config.llmProvider "offline" }}
{{- if or .Values.secrets.groqApiKey .Values.secrets.openaiApiKey .Values.existingSecret .Values.config.openaiBaseUrl }}true{{ end }}
{{- end }}
{{- end }}
