{{/* Names and labels shared by every manifest. */}}
{{- define "geoetl.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "geoetl.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one role group: (dict "root" $ "group" "api") */}}
{{- define "geoetl.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .group }}
{{- end -}}

{{- define "geoetl.serviceAccountName" -}}
{{- default (include "geoetl.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "geoetl.secretName" -}}
{{- if .Values.secret.create -}}{{ include "geoetl.fullname" . }}{{- else -}}{{ required "secret.existingSecret is required when secret.create is false" .Values.secret.existingSecret }}{{- end -}}
{{- end -}}
