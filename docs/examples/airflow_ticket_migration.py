"""Airflow DAG: the ticket migration in id slices on a Flink cluster, then a verify run.

Uses the Apache Beam provider (apache-airflow-providers-apache-beam) and its Java pipeline
operator, which starts `java -jar` on the Airflow worker. Each slice is its own task: it can be
retried alone, because the migration is idempotent. The source password is read by the job from a
file mounted from a secret store (a Kubernetes secret, for instance); it is never a pipeline
option.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.beam.operators.beam import BeamRunJavaPipelineOperator

JAR = "/opt/ticket-migration/ticket-migration-flink.jar"
SLICES = [(1, 25_000_000), (25_000_001, 50_000_000), (50_000_001, 75_000_000), (75_000_001, 100_000_000)]

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
            "reportPath": "/shared/ticket-migration/config.json",
        },
    )

    slices = [
        BeamRunJavaPipelineOperator(
            task_id=f"migrate_tickets_{lo}_{hi}",
            runner="FlinkRunner",
            jar=JAR,
            default_pipeline_options=COMMON,
            pipeline_options={
                "tables": "sporting_event_ticket,ticket_purchase_hist",
                "minTicketId": str(lo),
                "maxTicketId": str(hi),
                "reportPath": f"/shared/ticket-migration/tickets-{lo}.json",
            },
            )
        for lo, hi in SLICES
    ]

    verify = BeamRunJavaPipelineOperator(
        task_id="verify",
        runner="FlinkRunner",
        jar=JAR,
        default_pipeline_options=COMMON,
        pipeline_options={
            "mode": "VERIFY",
            "verifyOutputDir": "/shared/ticket-migration/verify",
            "reportPath": "/shared/ticket-migration/verify.json",
        },
    )

    config >> slices >> verify
