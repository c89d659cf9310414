"""Airflow DAG: the ticket migration in id slices on a Flink cluster, then a verify run.

Uses the Apache Beam provider (apache-airflow-providers-apache-beam) and its Java pipeline
operator, which starts `java -jar` on the Airflow worker. Each slice is its own task: it can be
retried alone, because the migration is idempotent. The source password is read by the job from a
file mounted from a secret store (a Kubernetes secret, for instance); it is never a pipeline
option.

The slices tile the whole id space: the first has no lower bound (it also owns NULL ids and any id
below the first bound) and the last no upper bound (ids added while the DAG runs), so no row falls
between slices. Every task names its run (runId) after the DAG run, so its dead letters and
findings never overwrite another task's or an earlier try's. The output folders are absolute paths
on a file system every Flink worker shares: a relative one is refused on a cluster.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.beam.operators.beam import BeamRunJavaPipelineOperator

JAR = "/opt/ticket-migration/ticket-migration-flink.jar"
# (minTicketId, maxTicketId); None leaves that side open
SLICES = [(None, 25_000_000), (25_000_001, 50_000_000), (50_000_001, 75_000_000), (75_000_001, None)]


def slice_options(i, lo, hi):
    options = {
        "tables": "sporting_event_ticket,ticket_purchase_hist",
        "runId": "{{ ts_nodash }}-tickets-%d-try{{ ti.try_number }}" % i,
        "reportPath": "/shared/ticket-migration/tickets-%d.json" % i,
    }
    if lo is not None:
        options["minTicketId"] = str(lo)
    if hi is not None:
        options["maxTicketId"] = str(hi)
    return options



COMMON = {
    "flinkMaster": "flink-jobmanager:8081",
    "parallelism": "8",
    "sourceUrl": "jdbc:sqlserver://db.internal:1433;databaseName=dms_sample;encrypt=true",
    "sourceUser": "migration",
    "sourceSchema": "dbo",
    "sourcePasswordFile": "/run/secrets/dms-sample-password",
    "dynamoRegion": "eu-west-1",
    "tablePrefix": "prod_",
    "maxWriteRate": "20000",
    "writeWorkers": "4",
    "deadLetterDir": "/shared/ticket-migration/dead-letters",
}

with DAG(
    dag_id="ticket_migration",
    start_date=datetime(2026, 11, 1),
    schedule=None,
    catchup=False,
    default_args={"retries": 2},
) as dag:
    config = BeamRunJavaPipelineOperator(
        task_id="migrate_config",
        runner="FlinkRunner",
        jar=JAR,
        default_pipeline_options=COMMON,
        pipeline_options={
            "excludeTables": "sporting_event_ticket,ticket_purchase_hist",
            "runId": "{{ ts_nodash }}-config-try{{ ti.try_number }}",
            "reportPath": "/shared/ticket-migration/config.json",
        },
    )

    slices = [
        BeamRunJavaPipelineOperator(
            task_id=f"migrate_tickets_{i}",
            runner="FlinkRunner",
            jar=JAR,
            default_pipeline_options=COMMON,
            pipeline_options=slice_options(i, lo, hi),
        )
        for i, (lo, hi) in enumerate(SLICES)
    ]

    verify = BeamRunJavaPipelineOperator(
        task_id="verify",
        runner="FlinkRunner",
        jar=JAR,
        default_pipeline_options=COMMON,
        pipeline_options={
            "mode": "VERIFY",
            "runId": "{{ ts_nodash }}-verify-try{{ ti.try_number }}",
            "verifyOutputDir": "/shared/ticket-migration/verify",
            "reportPath": "/shared/ticket-migration/verify.json",
        },
    )

    config >> slices >> verify
