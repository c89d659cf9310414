#!/usr/bin/env bash
# Nightly migration of yesterday's events, then a verify run; for cron or any scheduler.
#   crontab: 30 2 * * * /opt/ticket-migration/migrate-cron.sh >> /var/log/ticket-migration.log 2>&1
set -euo pipefail
JAR=/opt/ticket-migration/ticket-migration-flink.jar
export SOURCE_PASSWORD_FILE=/etc/ticket-migration/source-password   # readable by this user only
FROM=$(date -d yesterday +%F)
TO=$(date +%F)
COMMON=(
  --runner=FlinkRunner --flinkMaster=flink-jobmanager:8081 --parallelism=8
  --sourceUrl='jdbc:sqlserver://db.internal:1433;databaseName=dms_sample;encrypt=true'
  --sourceUser=migration --sourcePasswordFile="$SOURCE_PASSWORD_FILE" --sourceSchema=dbo
  --dynamoRegion=eu-west-1 --tablePrefix=prod_
  --tables=sporting_event_ticket,ticket_purchase_hist
  --eventDateFrom="$FROM" --eventDateTo="$TO"
  --deadLetterDir=/var/lib/ticket-migration/$FROM/dead-letters
)
java -jar "$JAR" "${COMMON[@]}" --mode=MIGRATE --reportPath=/var/lib/ticket-migration/$FROM/migrate.json
java -jar "$JAR" "${COMMON[@]}" --mode=VERIFY --verifyOutputDir=/var/lib/ticket-migration/$FROM/verify \
  --reportPath=/var/lib/ticket-migration/$FROM/verify.json
