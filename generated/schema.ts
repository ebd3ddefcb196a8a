/**
 * This file is generated from openapi/spec.yaml by `npm run generate`. Do not edit.
 */

export interface paths {
    "/{username}/{project_name}/experiments/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Project experiment list
         * @description Experiments of a project (owner/superuser, or anyone when the project is public).
         *     Default limit 20, or 300000 when `all` is given. Items carry `bookmarked`; with
         *     `metrics=true` or `params=true` they are projections (`metrics` wins).
         *     gzip-compressed regardless of `Accept-Encoding`. A malformed boolean query value
         *     answers **500**, not 400.
         */
        get: operations["listProjectExperiments"];
        put?: never;
        /**
         * Create an experiment
         * @description Project owner/superuser only. `content` is required unless `is_managed` is false
         *     (otherwise 400 `{"non_field_errors": ["Experiment expects a `content`."]}`). Unknown
         *     and read-only keys are ignored. The 201 body is the reduced `ExperimentCreated`
         *     (no `uuid`, `last_status` or timestamps; `experiment_group`/`build_job` as ids). The
         *     new experiment immediately has status `created`.
         *
         *     A taken `name` is **renamed, not refused**: the answer is 201 with `"<name>-N"`, where
         *     N = (number of other experiments whose name starts with `<name>`) + 1. When that
         *     generated name is itself taken, the answer is 400 with a list holding a Python repr
         *     (`["[ErrorDetail(string='An instance with name `x-2` already exists in this project.', code='invalid')]"]`).
         */
        post: operations["createExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Experiment detail
         * @description Archived experiments answer 404. A non-numeric value ever stored in the metrics makes
         *     this endpoint answer 500 (rounding of `last_metric`).
         */
        get: operations["getExperiment"];
        /**
         * Full update
         * @description Same fields as PATCH. Omitted fields are left unchanged except `is_managed`, which
         *     resets to true when omitted. The Python client never uses PUT.
         */
        put: operations["replaceExperiment"];
        post?: never;
        /**
         * Delete (archive, then schedule deletion)
         * @description The experiment is archived at once (disappears from all endpoints), stopped if stoppable, and its deletion scheduled.
         */
        delete: operations["deleteExperiment"];
        options?: never;
        head?: never;
        /**
         * Partial update (what tracking uses)
         * @description Read-only fields sent are ignored. `merge: true` merges `tags`, `params` and
         *     `data_refs` (docs/wire.md#patch-merge); an empty/null new value still clears the field. A `name` equal
         *     to an existing one (**even the experiment's own**) is renamed with a `-{n}` suffix, so
         *     never resend an unchanged name.
         */
        patch: operations["updateExperiment"];
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/_heartbeat/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh the liveness key
         * @description No body. Refreshes the experiment's liveness key (TTL default 30 min). A status POST
         *     does not count as a heartbeat. Experiments stuck in `running` without a heartbeat
         *     are marked `failed` (zombie detection).
         */
        post: operations["experimentHeartbeat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/archive/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive (soft delete)
         * @description Queues a worker task; the experiment may stay visible for a moment after the 200. No body.
         */
        post: operations["archiveExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/bookmark/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bookmark an experiment
         * @description No body. **201**, empty body. Allowed on public projects for any authenticated user.
         */
        post: operations["bookmarkExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/chartviews/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Chart views
         * @description Oldest first. Default limit 300000. gzip-compressed regardless of `Accept-Encoding`.
         */
        get: operations["listExperimentChartViews"];
        put?: never;
        /** Create a chart view */
        post: operations["createExperimentChartView"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/chartviews/{chart_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Chart-view integer id. */
                chart_id: components["parameters"]["ChartId"];
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /** One chart view */
        get: operations["getExperimentChartView"];
        /** Full update of a chart view */
        put: operations["replaceExperimentChartView"];
        post?: never;
        /** Delete a chart view */
        delete: operations["deleteExperimentChartView"];
        options?: never;
        head?: never;
        /** Partial update of a chart view */
        patch: operations["updateExperimentChartView"];
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/coderef/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * The experiment's code reference
         * @description When none is attached the server answers 200 with an all-empty object (no `id`), not 404.
         */
        get: operations["getExperimentCodeReference"];
        put?: never;
        /**
         * Attach a new code reference
         * @description Creates a NEW record and attaches it (replacing any previous link). All fields are
         *     optional; the Python client sends no body at all outside a git repository, which
         *     still creates an empty record with branch `master`.
         */
        post: operations["createExperimentCodeReference"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/copy/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clone and copy outputs
         * @description Copy copies the original's outputs into the new experiment.
         */
        post: operations["copyExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/ephemeraltoken/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange an ephemeral token for the owner's token
         * @description Only `Authorization: EphemeralToken <token>` with `X-POLYAXON-INTERNAL: runner`.
         *     Single use: the server deletes the token on first check, even a failed one. No body.
         *     403 with an **empty body** when the scope does not match or the experiment is not
         *     `scheduled`/`starting`/`running`; 401 when the token is unknown, expired, used or
         *     malformed (`WWW-Authenticate: EphemeralToken`).
         */
        post: operations["exchangeEphemeralToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/impersonatetoken/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Internal impersonation (init container)
         * @description Only `Authorization: InternalToken <secret>` with `X-POLYAXON-INTERNAL: initializer`
         *     (any other service → 403). 403 with an empty body when the experiment is not
         *     stoppable. No body.
         */
        post: operations["impersonateExperimentOwner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/jobs/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Experiment jobs
         * @description Newest `updated_at` first. Default limit 20. gzip-compressed regardless of `Accept-Encoding`.
         */
        get: operations["listExperimentJobs"];
        put?: never;
        /**
         * Create a job
         * @description The job gets status `created`. Sending `resources` answers 500 (nested writes unsupported), so it is not part of the body.
         */
        post: operations["createExperimentJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/jobs/{job_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /** One job */
        get: operations["getExperimentJob"];
        /** Full update of a job */
        put: operations["replaceExperimentJob"];
        post?: never;
        /** Delete a job (hard delete) */
        delete: operations["deleteExperimentJob"];
        options?: never;
        head?: never;
        /** Partial update of a job */
        patch: operations["updateExperimentJob"];
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/jobs/{job_id}/logs/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Download a job's logs
         * @description Same contract as the experiment logs GET, for that job.
         */
        get: operations["getExperimentJobLogs"];
        /**
         * Broken route (always fails)
         * @deprecated
         * @description PUT is routed on this path but the view always raises; the server answers 405 with an
         *     empty body (see `ServerCrash`). Documented only so that the route matrix is complete;
         *     do not call it.
         */
        put: operations["replaceExperimentJobLogs"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Broken route (always fails)
         * @deprecated
         * @description PATCH is routed on this path but the view always raises; the server answers 405 with an
         *     empty body (see `ServerCrash`). Documented only so that the route matrix is complete;
         *     do not call it.
         */
        patch: operations["updateExperimentJobLogs"];
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Job statuses
         * @description Oldest first. Default limit 20. gzip-compressed regardless of `Accept-Encoding`.
         */
        get: operations["listExperimentJobStatuses"];
        put?: never;
        /**
         * Post a job status
         * @description No transition check.
         */
        post: operations["createExperimentJobStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/{status_uuid}/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Status uuid, 32 hex characters. A dashed uuid does not match the route (404). */
                status_uuid: components["parameters"]["StatusUuid"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /** One job status */
        get: operations["getExperimentJobStatus"];
        /** Full update of a job status */
        put: operations["replaceExperimentJobStatus"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Partial update of a job status */
        patch: operations["updateExperimentJobStatus"];
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/jobs/{job_uuid}/_reconcile/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job uuid, 32 hex characters without dashes. */
                job_uuid: components["parameters"]["JobUuid"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reconcile a job status (sidecar use)
         * @description Queues a status reconciliation unless the job is done.
         */
        post: operations["reconcileExperimentJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/logs/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Download the experiment's logs
         * @description Streamed file (`Content-Disposition: attachment`). The server's Content-Type is not
         *     meaningful (`text/html; charset=utf-8`): treat the body as UTF-8 text, one line per
         *     log line. Distributed experiments: the logs of the first job. 404 with the bare JSON
         *     string `"Experiment has no logs."` while an **unmanaged** experiment is not done (logs
         *     POSTed by a tracking client become downloadable only after a terminal status), then
         *     404 `"File not found: file_path=…"` for about a second until the worker has written
         *     the lines, then 200. Lines posted after the terminal status are still appended.
         */
        get: operations["getExperimentLogs"];
        put?: never;
        /**
         * Append log lines
         * @description A JSON string (lines separated by `\n`) or a JSON array of strings (joined with
         *     `\n`). Appended asynchronously, verbatim, followed by a newline. Empty string or
         *     array, object or number → 400 with a bare list
         *     (`["Logs handler expects `data` to be a string or list of strings."]`). User token
         *     only: **InternalToken is not accepted**. The 200 has an empty body.
         */
        post: operations["appendExperimentLogs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/metrics/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Experiment metrics
         * @description Ordered by `created_at` only, oldest first. Default limit **300000** (all points in one
         *     page). gzip-compressed regardless of `Accept-Encoding`, and **often twice** under one
         *     `Content-Encoding: gzip` (1 layer for small pages, 2 for large regular ones; 500-row
         *     pages can be either). Throttle scope `high`.
         *
         *     Points sharing a `created_at` (a fast loop stamps many points with the same
         *     millisecond) come back in a different order for each limit/offset, so limit/offset
         *     pages overlap and leave holes: read the list in one page (no `limit`), or dedupe by
         *     `id`. A metric list POSTed a moment ago may be missing or partly stored (it is
         *     stored by a worker, seconds later).
         */
        get: operations["listExperimentMetrics"];
        put?: never;
        /**
         * Post one metric or a batch
         * @description An **object** body is validated synchronously and answers 201 with the created
         *     metric. An **array** body is accepted without validation and processed
         *     asynchronously: 201 with an **empty body** (invalid items are only logged
         *     server-side; the whole batch may be lost). Every stored metric merges its `values`
         *     into `last_metric` (last wins). The Python tracking client always posts arrays.
         *     Throttle scope `high`. A throttled (429) POST stores nothing. A malformed object
         *     (`{"values": "x"}`) crashes the view: 405 with an empty body (`ServerCrash`).
         */
        post: operations["createExperimentMetrics"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/outputs/download/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Download all outputs as a tar.gz
         * @description The API answers 200 with an empty body, `Content-Type: ""` and
         *     `X-Accel-Redirect: {archives_root}/{unique_name with . → _}.tar.gz` (302 in debug
         *     mode); only through a fronting nginx does the client receive the tar.gz. Size comes
         *     from `x-polyaxon-content-length`, then `content-length`.
         */
        get: operations["downloadExperimentOutputs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/outputs/files/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Download one outputs file
         * @description Streamed file (attachment, guessed Content-Type, Content-Length). A missing `path` → 400; a missing file → 404 bare JSON string.
         */
        get: operations["downloadExperimentOutputsFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/outputs/tree/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /** List an outputs directory */
        get: operations["getExperimentOutputsTree"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/restart/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clone and restart from scratch
         * @description The Python client sends `{}` when nothing is given. Returns the NEW experiment (`cloning_strategy` restart).
         */
        post: operations["restartExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/restore/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore an archived experiment
         * @description The only endpoint that sees archived experiments. No body.
         */
        post: operations["restoreExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/resume/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clone and resume
         * @description Resume reuses the original's outputs path; resuming a resume clone resumes the original instead.
         */
        post: operations["resumeExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/statuses/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * Experiment statuses
         * @description Oldest first. Default limit 20. gzip-compressed regardless of `Accept-Encoding`.
         */
        get: operations["listExperimentStatuses"];
        put?: never;
        /**
         * Post a status
         * @description No transition check: any accepted value is stored and becomes `last_status`
         *     immediately. Does not count as a heartbeat. Unknown status or a message over 256
         *     characters → 400.
         */
        post: operations["createExperimentStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/statuses/{status_uuid}/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Status uuid, 32 hex characters. A dashed uuid does not match the route (404). */
                status_uuid: components["parameters"]["StatusUuid"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * One experiment status
         * @description The uuid must be the 32-hex form; a dashed uuid does not match the route (404).
         */
        get: operations["getExperimentStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/stop/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop an experiment
         * @description No body. Managed experiments have their pods stopped; unmanaged ones only get status `stopped` (nothing notifies a running tracking client).
         */
        post: operations["stopExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/tensorboard/start/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a tensorboard
         * @description 200 with the running tensorboard job when one already runs, else 201 with the new one. The Python client sends `{}` or both keys.
         */
        post: operations["startExperimentTensorboard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/tensorboard/stop/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop the tensorboard
         * @description No body.
         */
        post: operations["stopExperimentTensorboard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/token/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deprecated alias of the ephemeral token exchange
         * @deprecated
         * @description Same contract as `exchangeEphemeralToken`.
         */
        post: operations["exchangeEphemeralTokenLegacy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/{id}/unbookmark/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a bookmark
         * @description 404 `{"detail": "Not found."}` when the user never bookmarked it.
         */
        delete: operations["unbookmarkExperiment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/delete/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Broken route (always fails)
         * @deprecated
         * @description POST is routed on this path but the view always raises. Without DEBUG the server then
         *     answers **405 with an empty body** (its error page only answers GET; see
         *     `ServerCrash`). Documented only so that the route matrix is complete; do not call it.
         *     Use the DELETE.
         */
        post: operations["deleteExperimentsViaPost"];
        /**
         * Hard-delete many experiments
         * @description The body is sent **on a DELETE**. Rows are removed immediately (unlike a single
         *     DELETE, which archives); outputs/logs deletion is scheduled for independent
         *     experiments; resume clones are deleted too.
         */
        delete: operations["deleteExperiments"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{username}/{project_name}/experiments/stop/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop many experiments
         * @description Ids not in the project are ignored; a missing `ids` is a no-op. Owner/superuser only.
         */
        post: operations["stopExperiments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/archives/{username}/experiments/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * A user's archived experiments
         * @description Same ownership rule as bookmarks. Default limit 20. gzip-compressed regardless of `Accept-Encoding`.
         */
        get: operations["listArchivedExperiments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookmarks/{username}/experiments/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * A user's bookmarked experiments
         * @description Another user's bookmarks → empty list unless staff. Default limit 20. gzip-compressed regardless of `Accept-Encoding`.
         */
        get: operations["listBookmarkedExperiments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Global experiment list
         * @description Every live experiment of the platform, of all users (no owner or visibility filter,
         *     no ordering guarantee). Only `limit`/`offset`. Default limit 20. This list is **not**
         *     gzip-wrapped.
         */
        get: operations["listExperiments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/searches/{username}/{project_name}/experiments/": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        /**
         * The requesting user's saved experiment searches
         * @description Default limit 300000. gzip-compressed regardless of `Accept-Encoding`.
         */
        get: operations["listExperimentSearches"];
        put?: never;
        /** Save an experiment search */
        post: operations["createExperimentSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/searches/{username}/{project_name}/experiments/{search_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Saved-search integer id. */
                search_id: components["parameters"]["SearchId"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a saved search
         * @description This route **does not accept a trailing slash** (the only one).
         */
        delete: operations["deleteExperimentSearch"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current user
         * @description Returns the authenticated user. Without credentials the server does not reject the
         *     call: it answers 200 for the anonymous user (`{"username": "", "is_superuser": false}`).
         *     An invalid or expired token answers 401.
         */
        get: operations["getCurrentUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/token/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with username and password
         * @description Exchanges credentials for the user's API token (rotated first if expired). The Python
         *     client sends this form-encoded, without an Authorization header. Bad credentials
         *     answer **400** (not 401). Unthrottled.
         */
        post: operations["loginWithCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An archived experiment (`Experiment` + `bookmarked` + `deleted`). */
        ArchivedExperiment: components["schemas"]["Experiment"] & {
            bookmarked: boolean;
            /** @enum {boolean} */
            deleted: true;
        };
        /** @description A page of `ArchivedExperiment` (limit/offset envelope). */
        ArchivedExperimentPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["ArchivedExperiment"][];
        };
        Bookmark: {
            content_object: components["schemas"]["Experiment"];
        };
        /** @description A page of `Bookmark` (limit/offset envelope). */
        BookmarkPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["Bookmark"][];
        };
        ChartView: {
            /** @description Chart definitions (free JSON). */
            charts: unknown;
            /** Format: date-time */
            readonly created_at: string;
            readonly experiment: number;
            readonly id: number;
            meta: components["schemas"]["NullableJsonObject"];
            name: components["schemas"]["Name"];
            /** Format: date-time */
            readonly updated_at: string;
            uuid: components["schemas"]["Hex32"];
        };
        ChartViewCreate: {
            /** @description Chart definitions (free JSON). */
            charts: unknown;
            meta?: components["schemas"]["NullableJsonObject"];
            name?: components["schemas"]["Name"];
        };
        /** @description A page of `ChartView` (limit/offset envelope). */
        ChartViewPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["ChartView"][];
        };
        ChartViewUpdate: {
            /** @description Chart definitions (free JSON). */
            charts?: unknown;
            meta?: components["schemas"]["NullableJsonObject"];
            name?: components["schemas"]["Name"];
        };
        /** @description All fields may be empty; with no attached record the server returns an all-empty object without `id`. */
        CodeReference: {
            branch: string | null;
            commit: string | null;
            external_repo: number | null;
            git_url: string | null;
            head: string | null;
            readonly id?: number;
            is_dirty: boolean;
            repo: number | null;
        };
        /** @description All optional; an empty body creates a record with defaults (branch `master`). */
        CodeReferenceCreate: {
            branch?: string | null;
            commit?: string | null;
            external_repo?: number | null;
            git_url?: string | null;
            head?: string | null;
            is_dirty?: boolean;
            repo?: number | null;
        };
        /**
         * @description Error bodies: `{detail}`, field → messages (possibly nested), a bare list of strings,
         *     or a bare JSON string. A duplicate generated name even answers a list holding a Python
         *     repr: `["[ErrorDetail(string='An instance with name `x-2` already exists in this project.', code='invalid')]"]`.
         */
        Error: components["schemas"]["ErrorDetail"] | components["schemas"]["FieldErrors"] | string[] | string;
        ErrorDetail: {
            detail: string;
        };
        /** @description An experiment as listed (also the clone response and global list item). */
        Experiment: components["schemas"]["ExperimentBase"] & {
            /** @description Running merge of the latest value per metric name; `{}` when none. */
            last_metric: components["schemas"]["MetricValues"];
        };
        /** @description Fields shared by every full experiment payload (list items and detail). */
        ExperimentBase: {
            backend: string | null;
            /** @description Build unique name. */
            readonly build_job: string | null;
            /** @enum {string|null} */
            cloning_strategy: "copy" | "restart" | "resume" | null;
            /** Format: date-time */
            readonly created_at: string;
            description: string | null;
            /** @description Group unique name. */
            readonly experiment_group: string | null;
            /** Format: date-time */
            readonly finished_at: string | null;
            framework: string | null;
            readonly id: number;
            readonly is_managed: boolean;
            last_status: components["schemas"]["NullableExperimentStatusValue"];
            name: components["schemas"]["Name"];
            /** @description Unique name of the experiment this was cloned from. */
            readonly original: string | null;
            params: components["schemas"]["NullableJsonObject"];
            /** @description Project unique name `{owner}.{project}`. */
            readonly project: string;
            /** Format: date-time */
            readonly started_at: string | null;
            tags: components["schemas"]["Tags"];
            /** @description `{owner}.{project}.{id}` or `{owner}.{project}.{group_id}.{id}`. */
            readonly unique_name: string;
            /** Format: date-time */
            readonly updated_at: string;
            /** @description Creator's username. */
            readonly user: string;
            uuid: components["schemas"]["Hex32"];
        };
        ExperimentClone: {
            /** @description Polyaxonfile override merged on top of the original spec. */
            content?: string;
            description?: string;
            ttl?: number;
            /** @description When false/absent the original code reference is reused. */
            update_code?: boolean;
        };
        /**
         * @description Create body. `content` is required unless `is_managed` is false. Unknown and
         *     read-only keys are ignored by the server (the Python client sends many as null).
         */
        ExperimentCreate: {
            /** @description Known values: native (server default), kubeflow, mpi, other (Python tracking default). */
            backend?: string | null;
            /** @description Build id (a string of digits is accepted). */
            build_job?: (number | null) | string;
            /** @description Polyaxonfile text; must compile as an experiment spec. */
            content?: string | null;
            data_refs?: {
                [key: string]: string;
            } | null;
            description?: string | null;
            /** @description Group id; must belong to the project. */
            experiment_group?: number | null;
            /** @description Known values: tensorflow, mxnet, horovod, pytorch. */
            framework?: string | null;
            /** @description Default true; null → true. */
            is_managed?: boolean | null;
            name?: components["schemas"]["Name"];
            original_experiment?: number | null;
            params?: components["schemas"]["NullableJsonObject"];
            readme?: string | null;
            run_env?: components["schemas"]["NullableJsonObject"];
            tags?: components["schemas"]["Tags"];
            /** @description Seconds the platform keeps k8s resources after finishing. */
            ttl?: number;
        };
        /** @description The reduced create response (docs/wire.md#creating-an-experiment). No `uuid`, `last_status` or timestamps; `experiment_group` and `build_job` are ids. */
        ExperimentCreated: {
            backend: string | null;
            build_job: number | null;
            content: string | null;
            data_refs: {
                [key: string]: string;
            } | null;
            description: string | null;
            experiment_group: number | null;
            framework: string | null;
            id: number;
            is_managed: boolean;
            name: components["schemas"]["Name"];
            original_experiment: number | null;
            params: components["schemas"]["NullableJsonObject"];
            project: string;
            readme: string | null;
            run_env: components["schemas"]["NullableJsonObject"];
            tags: components["schemas"]["Tags"];
            unique_name: string;
            user: string;
        };
        /** @description A single experiment (GET/PATCH/PUT). */
        ExperimentDetail: components["schemas"]["ExperimentBase"] & {
            readonly bookmarked: boolean;
            code_reference: number | null;
            /** @description Polyaxonfile text (YAML/JSON). */
            readonly content: string | null;
            /** @description Name → hash string. */
            data_refs: {
                [key: string]: string;
            } | null;
            /** @description Null (not false) when the experiment never had a tensorboard. */
            readonly has_tensorboard: boolean | null;
            readonly is_clone: boolean;
            /** @description Values rounded to 7 decimals; null when empty (the list returns `{}`). */
            readonly last_metric: {
                [key: string]: number;
            } | null;
            readonly num_jobs: number;
            readme: string | null;
            /** @description Total resources from the spec, `{cpu, memory, gpu, tpu}` each `{requests, limits}` or null. */
            readonly resources: {
                [key: string]: unknown;
            } | null;
            run_env: components["schemas"]["NullableJsonObject"];
            readonly tensorboard: number | null;
        };
        ExperimentIds: {
            ids?: number[];
        };
        ExperimentJob: {
            /** Format: date-time */
            readonly created_at: string;
            readonly experiment: number;
            /** Format: date-time */
            readonly finished_at: string | null;
            readonly id: number;
            last_status: components["schemas"]["NullableJobStatusValue"];
            node_scheduled: string | null;
            /** @description `plx-{experiment_uuid_hex}-{role}-{sequence}`. */
            readonly pod_id: string;
            /** @description `{cpu, memory, gpu, tpu}` each `{requests, limits}` or null. */
            resources: {
                [key: string]: unknown;
            } | null;
            /** @description Default `master`; others e.g. `worker`, `ps`. */
            role: string;
            /** Format: date-time */
            readonly started_at: string | null;
            /** @description `{experiment_unique_name}.{id}.{role}`. */
            readonly unique_name: string;
            /** Format: date-time */
            readonly updated_at: string;
            uuid: components["schemas"]["Hex32"];
        };
        ExperimentJobDetail: components["schemas"]["ExperimentJob"] & {
            definition: components["schemas"]["JsonObject"];
        };
        /** @description A page of `ExperimentJob` (limit/offset envelope). */
        ExperimentJobPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["ExperimentJob"][];
        };
        /** @description `details` is null on the `created` status the server makes itself; details given on a write are echoed. */
        ExperimentJobStatus: {
            /** Format: date-time */
            created_at: string;
            details: components["schemas"]["NullableJsonObject"];
            readonly id: number;
            readonly job: number;
            message: string | null;
            status: components["schemas"]["JobStatusValue"];
            traceback: string | null;
            uuid: components["schemas"]["Hex32"];
        };
        /** @description A page of `ExperimentJobStatus` (limit/offset envelope). */
        ExperimentJobStatusPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["ExperimentJobStatus"][];
        };
        ExperimentJobStatusWrite: {
            /** Format: date-time */
            created_at?: string;
            details?: components["schemas"]["JsonObject"];
            message?: string | null;
            status?: components["schemas"]["JobStatusValue"];
            traceback?: string | null;
        };
        /** @description Writable job fields (`resources` is not writable; sending it answers 500). */
        ExperimentJobWrite: {
            definition?: components["schemas"]["JsonObject"];
            node_scheduled?: string | null;
            role?: string;
        };
        /** @description A stored metric. There is no `uuid` on the wire. */
        ExperimentMetric: {
            /** Format: date-time */
            created_at: string;
            readonly experiment: number;
            readonly id: number;
            values: components["schemas"]["MetricValues"];
        };
        /** @description A page of `ExperimentMetric` (limit/offset envelope). */
        ExperimentMetricPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["ExperimentMetric"][];
        };
        /** @description Project-list item with `metrics=true`. */
        ExperimentMetricsProjection: {
            /** Format: date-time */
            finished_at: string | null;
            id: number;
            last_metric: components["schemas"]["MetricValues"];
            name: components["schemas"]["Name"];
            /** Format: date-time */
            started_at: string | null;
            unique_name: string;
            uuid: components["schemas"]["Hex32"];
        };
        /** @description A page of `Experiment` (limit/offset envelope). */
        ExperimentPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["Experiment"][];
        };
        /** @description Project-list item with `params=true`. */
        ExperimentParamsProjection: {
            id: number;
            name: components["schemas"]["Name"];
            params: components["schemas"]["NullableJsonObject"];
            unique_name: string;
            uuid: components["schemas"]["Hex32"];
        };
        ExperimentSearch: {
            readonly id: number;
            meta: components["schemas"]["NullableJsonObject"];
            name: components["schemas"]["Name"];
            /** @description The saved query (free JSON). */
            query: unknown;
        };
        ExperimentSearchCreate: {
            meta?: components["schemas"]["NullableJsonObject"];
            name?: components["schemas"]["Name"];
            /** @description The query to save (free JSON). */
            query: unknown;
        };
        /** @description A page of `ExperimentSearch` (limit/offset envelope). */
        ExperimentSearchPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["ExperimentSearch"][];
        };
        ExperimentStatus: {
            /** Format: date-time */
            created_at: string;
            readonly experiment: number;
            readonly id: number;
            message: string | null;
            status: components["schemas"]["ExperimentStatusValue"];
            traceback: string | null;
            uuid: components["schemas"]["Hex32"];
        };
        /** @description The Python client sends `status` plus `message`/`traceback` only when non-empty. */
        ExperimentStatusCreate: {
            /**
             * Format: date-time
             * @description Defaults to now.
             */
            created_at?: string;
            message?: string | null;
            status?: components["schemas"]["ExperimentStatusValue"];
            traceback?: string | null;
        };
        /** @description A page of `ExperimentStatus` (limit/offset envelope). */
        ExperimentStatusPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: components["schemas"]["ExperimentStatus"][];
        };
        /**
         * @description Statuses accepted for an experiment (`unschedulable` is not one).
         * @enum {string}
         */
        ExperimentStatusValue: "created" | "resuming" | "warning" | "building" | "scheduled" | "starting" | "running" | "succeeded" | "failed" | "upstream_failed" | "stopped" | "skipped" | "unknown";
        /** @description PATCH/PUT body. Read-only fields sent are ignored. */
        ExperimentUpdate: {
            backend?: string | null;
            /** @enum {string|null} */
            cloning_strategy?: "copy" | "restart" | "resume" | null;
            code_reference?: number | null;
            data_refs?: {
                [key: string]: string;
            } | null;
            description?: string | null;
            framework?: string | null;
            is_managed?: boolean | null;
            /** @description Merge `tags` (union), `params` and `data_refs` (shallow) instead of replacing; an empty/null new value still clears the field. */
            merge?: boolean;
            name?: components["schemas"]["Name"];
            original_experiment?: number | null;
            params?: components["schemas"]["NullableJsonObject"];
            readme?: string | null;
            run_env?: components["schemas"]["NullableJsonObject"];
            tags?: components["schemas"]["Tags"];
        };
        /**
         * @description Field name → messages; cross-field errors under `non_field_errors`. A nested
         *     serializer field holds its own field errors, e.g.
         *     `{"resources": {"cpu": ["The keys `{'limits', 'requests'}` for the resource are not valid."]}}`.
         */
        FieldErrors: {
            [key: string]: string[] | components["schemas"]["FieldErrors"];
        };
        /** @description 32 lowercase hex characters, no dashes. */
        Hex32: string;
        JobReconcile: {
            created_at: string;
            status: components["schemas"]["JobStatusValue"];
        };
        /**
         * @description Statuses accepted for an experiment job (experiment statuses plus `unschedulable`).
         * @enum {string}
         */
        JobStatusValue: "created" | "resuming" | "warning" | "unschedulable" | "building" | "scheduled" | "starting" | "running" | "succeeded" | "failed" | "upstream_failed" | "stopped" | "skipped" | "unknown";
        JsonObject: {
            [key: string]: unknown;
        };
        LoginCredentials: {
            /** @description Truthy → also opens a session and sets `token` and `user` cookies. */
            login?: boolean;
            /** Format: password */
            password: string;
            username: string;
        };
        MetricCreate: {
            /**
             * Format: date-time
             * @description Defaults to now.
             */
            created_at?: string;
            values: components["schemas"]["MetricValues"];
        };
        /** @description Metric name → value (numbers expected; the server does not check). */
        MetricValues: {
            [key: string]: number;
        };
        /** @description Slug (ASCII letters, digits, `-`, `_`). It must not be a reserved word or a reserved word followed by `s` (case-insensitive, see `x-reserved-words`). */
        Name: string | null;
        /** @enum {string|null} */
        NullableExperimentStatusValue: "created" | "resuming" | "warning" | "building" | "scheduled" | "starting" | "running" | "succeeded" | "failed" | "upstream_failed" | "stopped" | "skipped" | "unknown" | null;
        /** @enum {string|null} */
        NullableJobStatusValue: "created" | "resuming" | "warning" | "unschedulable" | "building" | "scheduled" | "starting" | "running" | "succeeded" | "failed" | "upstream_failed" | "stopped" | "skipped" | "unknown" | null;
        NullableJsonObject: {
            [key: string]: unknown;
        } | null;
        OutputsTree: {
            dirs: string[];
            /** @description `[name, size_bytes]` pairs, sorted. */
            files: (string | number)[][];
        };
        /** @description Total number of items of the whole list. */
        PageCount: number;
        /** @description Absolute URL of the next/previous page (carries `limit` and `offset`), or null. */
        PageLink: string | null;
        /** @description A project-list item (an `Experiment` plus `bookmarked`). */
        ProjectExperiment: components["schemas"]["Experiment"] & {
            readonly bookmarked: boolean;
        };
        /** @description A page of `project experiment list items` (limit/offset envelope). */
        ProjectExperimentPage: {
            count: components["schemas"]["PageCount"];
            next: components["schemas"]["PageLink"];
            previous: components["schemas"]["PageLink"];
            results: (components["schemas"]["ProjectExperiment"] | components["schemas"]["ExperimentMetricsProjection"] | components["schemas"]["ExperimentParamsProjection"])[];
        };
        Tags: string[] | null;
        TensorboardJob: {
            build_job: string | null;
            content: string | null;
            description: string | null;
            id: number;
            last_status: string | null;
            name: string | null;
            pod_id: string | null;
            project: string;
            tags: components["schemas"]["Tags"];
            unique_name: string;
            user: string;
        };
        TensorboardStart: {
            /** @description Polyaxonfile text. */
            content?: string;
            is_managed?: boolean;
        };
        TokenResponse: {
            token: string;
        };
        User: {
            /** @description May be empty; absent for the anonymous user. */
            email?: string;
            is_superuser: boolean;
            /** @description Empty for the anonymous user. */
            username: string;
        };
    };
    responses: {
        /**
         * @description The API itself sends **no bytes**: 200 with an empty body, `Content-Type: ""` and
         *     `X-Accel-Redirect: {archives_root}/{unique_name with . → _}.tar.gz`. Only an nginx in
         *     front of the API turns that header into the tar.gz; without one the client gets an
         *     empty 200 (the SDK's client returns `data: undefined`; the header is on `response`).
         */
        ArchiveRedirect: {
            headers: {
                /** @description Internal path of the tar.gz for a fronting nginx. */
                "X-Accel-Redirect"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/octet-stream": string;
            };
        };
        /** @description Validation error (field → messages, possibly nested; a bare list of strings; or a bare string). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The file contents, with a Content-Type guessed from the file name (`text/plain` for a `.txt`). */
        BinaryFile: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/octet-stream": string;
            };
        };
        /** @description The NEW experiment (`cloning_strategy` set, `original` = source unique name). */
        ClonedExperiment: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Experiment"];
            };
        };
        /** @description Created, empty body and no `Content-Type` header. */
        EmptyCreated: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No content (and no `Content-Type` header). */
        EmptyNoContent: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description OK, empty body and **no `Content-Type` header** at all. */
        EmptyOk: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Authenticated but not allowed. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not allowed; the token-exchange views answer with an empty body. */
        ForbiddenEmpty: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description The log file: **plain UTF-8 text** (one line per log line, each ending with a newline),
         *     although the server labels it `text/html; charset=utf-8`. Never HTML: read the body as
         *     text. The SDK's client returns it as a string.
         */
        LogsText: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
            };
        };
        /** @description Not found (`{"detail": "Not found."}`, or a bare JSON string on file/log endpoints such as `"Experiment has no logs."`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description An unhandled exception in a POST, PUT, PATCH or DELETE view. The server's error page
         *     is a view that only answers GET, so instead of a 500 the client gets **405 with an
         *     empty body**, `Content-Type: text/html; charset=utf-8` and `Allow: GET, HEAD, OPTIONS`
         *     (the error view's methods, not the endpoint's). It means "the server failed", not
         *     "method not supported"; the view may have written before it failed. The SDK raises it
         *     as an `InternalServerError` with status 405 and never retries it.
         */
        ServerCrash: {
            headers: {
                /** @description The error view's methods (`GET, HEAD, OPTIONS`), not the endpoint's. */
                Allow?: string;
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description Unhandled server error on a GET (e.g. `?independent=maybe`) or a gateway failure: an
         *     HTML page (`text/html; charset=utf-8`), not JSON. Crashes on other methods answer 405
         *     instead (see `ServerCrash`).
         */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
            };
        };
        /**
         * @description Throttled: `{"detail": "Request was throttled. Expected available in 42 seconds."}` with
         *     `Retry-After: 42`. The limit (120 requests/min per user by default) is counted by
         *     each API process separately, and every endpoint counts, heartbeats and metric POSTs
         *     included. A throttled request stored nothing (a metric list included); the retry
         *     after the wait succeeds.
         */
        Throttled: {
            headers: {
                /** @description Seconds to wait. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Missing, malformed, unknown or expired credentials. Carries `WWW-Authenticate`. */
        Unauthorized: {
            headers: {
                /** @description `Token`, or `EphemeralToken` on the ephemeral exchange. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description Any non-empty value switches the default limit to 300000. */
        All: string;
        /** @description `created_at` or `updated_at`, `-` prefix = descending. Default `-updated_at`. */
        BookmarkSort: string;
        /** @description Chart-view integer id. */
        ChartId: number;
        /** @description Experiment integer id (not the uuid). */
        ExperimentId: number;
        /** @description Experiments of that group (unknown id → 404; a group of another kind → 400). */
        Group: number;
        /** @description Only experiments not in a group. Combined with `group` → 400. Booleans accept `y, yes, t, true, on, 1, n, no, f, false, off, 0` (case-insensitive); anything else → 500. */
        Independent: boolean;
        /** @description Experiment-job integer id. */
        JobId: number;
        /** @description Experiment-job uuid, 32 hex characters without dashes. */
        JobUuid: string;
        /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
        Limit: number;
        /** @description Items become `{id, uuid, name, unique_name, last_metric, started_at, finished_at}`. Wins over `params`. */
        MetricsProjection: boolean;
        /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
        Offset: number;
        /** @description Items become `{id, uuid, name, unique_name, params}`. */
        ParamsProjection: boolean;
        /** @description Project name (a slug of at most 128 characters). */
        ProjectName: string;
        /**
         * @description Filter language: comma-separated `field:operation` terms, ANDed. Operations `value`,
         *     `~value`, `a|b|c`, `<`, `<=`, `>`, `>=`, ranges `a..b`, `%x`, `x%`, `%x%`. Fields
         *     `id, created_at, updated_at, started_at, finished_at, name, description, user,
         *     status, project, group, build, backend, framework, commit, params.<key>,
         *     declarations.<key>, tags, metric.<name>, metrics.<name>, independent`.
         *     Malformed or unknown field → 400.
         */
        Query: string;
        /** @description Saved-search integer id. */
        SearchId: number;
        /**
         * @description Comma-separated fields, `-` prefix = descending (nulls last): `created_at`,
         *     `updated_at`, `started_at`, `finished_at`, `metric.<name>` / `metrics.<name>`.
         *     Unknown fields are ignored. Default `-updated_at`.
         */
        Sort: string;
        /** @description Status uuid, 32 hex characters. A dashed uuid does not match the route (404). */
        StatusUuid: string;
        /** @description Owner of the project (server kwarg `owner_name`). */
        Username: string;
    };
    requestBodies: {
        /** @description All fields optional; the Python client sends `{}` when nothing is given. */
        ExperimentClone: {
            content: {
                "application/json": components["schemas"]["ExperimentClone"];
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type SchemaArchivedExperiment = components['schemas']['ArchivedExperiment'];
export type SchemaArchivedExperimentPage = components['schemas']['ArchivedExperimentPage'];
export type SchemaBookmark = components['schemas']['Bookmark'];
export type SchemaBookmarkPage = components['schemas']['BookmarkPage'];
export type SchemaChartView = components['schemas']['ChartView'];
export type SchemaChartViewCreate = components['schemas']['ChartViewCreate'];
export type SchemaChartViewPage = components['schemas']['ChartViewPage'];
export type SchemaChartViewUpdate = components['schemas']['ChartViewUpdate'];
export type SchemaCodeReference = components['schemas']['CodeReference'];
export type SchemaCodeReferenceCreate = components['schemas']['CodeReferenceCreate'];
export type SchemaError = components['schemas']['Error'];
export type SchemaErrorDetail = components['schemas']['ErrorDetail'];
export type SchemaExperiment = components['schemas']['Experiment'];
export type SchemaExperimentBase = components['schemas']['ExperimentBase'];
export type SchemaExperimentClone = components['schemas']['ExperimentClone'];
export type SchemaExperimentCreate = components['schemas']['ExperimentCreate'];
export type SchemaExperimentCreated = components['schemas']['ExperimentCreated'];
export type SchemaExperimentDetail = components['schemas']['ExperimentDetail'];
export type SchemaExperimentIds = components['schemas']['ExperimentIds'];
export type SchemaExperimentJob = components['schemas']['ExperimentJob'];
export type SchemaExperimentJobDetail = components['schemas']['ExperimentJobDetail'];
export type SchemaExperimentJobPage = components['schemas']['ExperimentJobPage'];
export type SchemaExperimentJobStatus = components['schemas']['ExperimentJobStatus'];
export type SchemaExperimentJobStatusPage = components['schemas']['ExperimentJobStatusPage'];
export type SchemaExperimentJobStatusWrite = components['schemas']['ExperimentJobStatusWrite'];
export type SchemaExperimentJobWrite = components['schemas']['ExperimentJobWrite'];
export type SchemaExperimentMetric = components['schemas']['ExperimentMetric'];
export type SchemaExperimentMetricPage = components['schemas']['ExperimentMetricPage'];
export type SchemaExperimentMetricsProjection = components['schemas']['ExperimentMetricsProjection'];
export type SchemaExperimentPage = components['schemas']['ExperimentPage'];
export type SchemaExperimentParamsProjection = components['schemas']['ExperimentParamsProjection'];
export type SchemaExperimentSearch = components['schemas']['ExperimentSearch'];
export type SchemaExperimentSearchCreate = components['schemas']['ExperimentSearchCreate'];
export type SchemaExperimentSearchPage = components['schemas']['ExperimentSearchPage'];
export type SchemaExperimentStatus = components['schemas']['ExperimentStatus'];
export type SchemaExperimentStatusCreate = components['schemas']['ExperimentStatusCreate'];
export type SchemaExperimentStatusPage = components['schemas']['ExperimentStatusPage'];
export type SchemaExperimentStatusValue = components['schemas']['ExperimentStatusValue'];
export type SchemaExperimentUpdate = components['schemas']['ExperimentUpdate'];
export type SchemaFieldErrors = components['schemas']['FieldErrors'];
export type SchemaHex32 = components['schemas']['Hex32'];
export type SchemaJobReconcile = components['schemas']['JobReconcile'];
export type SchemaJobStatusValue = components['schemas']['JobStatusValue'];
export type SchemaJsonObject = components['schemas']['JsonObject'];
export type SchemaLoginCredentials = components['schemas']['LoginCredentials'];
export type SchemaMetricCreate = components['schemas']['MetricCreate'];
export type SchemaMetricValues = components['schemas']['MetricValues'];
export type SchemaName = components['schemas']['Name'];
export type SchemaNullableExperimentStatusValue = components['schemas']['NullableExperimentStatusValue'];
export type SchemaNullableJobStatusValue = components['schemas']['NullableJobStatusValue'];
export type SchemaNullableJsonObject = components['schemas']['NullableJsonObject'];
export type SchemaOutputsTree = components['schemas']['OutputsTree'];
export type SchemaPageCount = components['schemas']['PageCount'];
export type SchemaPageLink = components['schemas']['PageLink'];
export type SchemaProjectExperiment = components['schemas']['ProjectExperiment'];
export type SchemaProjectExperimentPage = components['schemas']['ProjectExperimentPage'];
export type SchemaTags = components['schemas']['Tags'];
export type SchemaTensorboardJob = components['schemas']['TensorboardJob'];
export type SchemaTensorboardStart = components['schemas']['TensorboardStart'];
export type SchemaTokenResponse = components['schemas']['TokenResponse'];
export type SchemaUser = components['schemas']['User'];
export type ResponseArchiveRedirect = components['responses']['ArchiveRedirect'];
export type ResponseBadRequest = components['responses']['BadRequest'];
export type ResponseBinaryFile = components['responses']['BinaryFile'];
export type ResponseClonedExperiment = components['responses']['ClonedExperiment'];
export type ResponseEmptyCreated = components['responses']['EmptyCreated'];
export type ResponseEmptyNoContent = components['responses']['EmptyNoContent'];
export type ResponseEmptyOk = components['responses']['EmptyOk'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type ResponseForbiddenEmpty = components['responses']['ForbiddenEmpty'];
export type ResponseLogsText = components['responses']['LogsText'];
export type ResponseNotFound = components['responses']['NotFound'];
export type ResponseServerCrash = components['responses']['ServerCrash'];
export type ResponseServerError = components['responses']['ServerError'];
export type ResponseThrottled = components['responses']['Throttled'];
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ParameterAll = components['parameters']['All'];
export type ParameterBookmarkSort = components['parameters']['BookmarkSort'];
export type ParameterChartId = components['parameters']['ChartId'];
export type ParameterExperimentId = components['parameters']['ExperimentId'];
export type ParameterGroup = components['parameters']['Group'];
export type ParameterIndependent = components['parameters']['Independent'];
export type ParameterJobId = components['parameters']['JobId'];
export type ParameterJobUuid = components['parameters']['JobUuid'];
export type ParameterLimit = components['parameters']['Limit'];
export type ParameterMetricsProjection = components['parameters']['MetricsProjection'];
export type ParameterOffset = components['parameters']['Offset'];
export type ParameterParamsProjection = components['parameters']['ParamsProjection'];
export type ParameterProjectName = components['parameters']['ProjectName'];
export type ParameterQuery = components['parameters']['Query'];
export type ParameterSearchId = components['parameters']['SearchId'];
export type ParameterSort = components['parameters']['Sort'];
export type ParameterStatusUuid = components['parameters']['StatusUuid'];
export type ParameterUsername = components['parameters']['Username'];
export type RequestBodyExperimentClone = components['requestBodies']['ExperimentClone'];
export type $defs = Record<string, never>;
export interface operations {
    listProjectExperiments: {
        parameters: {
            query?: {
                /** @description Any non-empty value switches the default limit to 300000. */
                all?: components["parameters"]["All"];
                /** @description Experiments of that group (unknown id → 404; a group of another kind → 400). */
                group?: components["parameters"]["Group"];
                /** @description Only experiments not in a group. Combined with `group` → 400. Booleans accept `y, yes, t, true, on, 1, n, no, f, false, off, 0` (case-insensitive); anything else → 500. */
                independent?: components["parameters"]["Independent"];
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items become `{id, uuid, name, unique_name, last_metric, started_at, finished_at}`. Wins over `params`. */
                metrics?: components["parameters"]["MetricsProjection"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
                /** @description Items become `{id, uuid, name, unique_name, params}`. */
                params?: components["parameters"]["ParamsProjection"];
                /**
                 * @description Filter language: comma-separated `field:operation` terms, ANDed. Operations `value`,
                 *     `~value`, `a|b|c`, `<`, `<=`, `>`, `>=`, ranges `a..b`, `%x`, `x%`, `%x%`. Fields
                 *     `id, created_at, updated_at, started_at, finished_at, name, description, user,
                 *     status, project, group, build, backend, framework, commit, params.<key>,
                 *     declarations.<key>, tags, metric.<name>, metrics.<name>, independent`.
                 *     Malformed or unknown field → 400.
                 */
                query?: components["parameters"]["Query"];
                /**
                 * @description Comma-separated fields, `-` prefix = descending (nulls last): `created_at`,
                 *     `updated_at`, `started_at`, `finished_at`, `metric.<name>` / `metrics.<name>`.
                 *     Unknown fields are ignored. Default `-updated_at`.
                 */
                sort?: components["parameters"]["Sort"];
            };
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of project experiments (or projections). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectExperimentPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    createExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentCreate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The created experiment (reduced field set). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The experiment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentDetail"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    replaceExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentUpdate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The experiment after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    deleteExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            204: components["responses"]["EmptyNoContent"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    updateExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentUpdate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The experiment after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    experimentHeartbeat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    archiveExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    bookmarkExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            201: components["responses"]["EmptyCreated"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    listExperimentChartViews: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of chart views. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChartViewPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    createExperimentChartView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChartViewCreate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The created chart view. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChartView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperimentChartView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Chart-view integer id. */
                chart_id: components["parameters"]["ChartId"];
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The chart view. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChartView"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    replaceExperimentChartView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Chart-view integer id. */
                chart_id: components["parameters"]["ChartId"];
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChartViewCreate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The chart view after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChartView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    deleteExperimentChartView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Chart-view integer id. */
                chart_id: components["parameters"]["ChartId"];
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            204: components["responses"]["EmptyNoContent"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    updateExperimentChartView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Chart-view integer id. */
                chart_id: components["parameters"]["ChartId"];
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChartViewUpdate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The chart view after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChartView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperimentCodeReference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The code reference. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeReference"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    createExperimentCodeReference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CodeReferenceCreate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The created code reference. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeReference"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    copyExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["ExperimentClone"];
        responses: {
            "5XX": components["responses"]["ServerError"];
            201: components["responses"]["ClonedExperiment"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    exchangeEphemeralToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The experiment owner's API token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenEmpty"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    impersonateExperimentOwner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The experiment owner's API token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenEmpty"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    listExperimentJobs: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of jobs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    createExperimentJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentJobWrite"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The created job. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperimentJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobDetail"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    replaceExperimentJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentJobWrite"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The job after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    deleteExperimentJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            204: components["responses"]["EmptyNoContent"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    updateExperimentJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentJobWrite"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The job after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperimentJobLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["LogsText"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    replaceExperimentJobLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            405: components["responses"]["ServerCrash"];
        };
    };
    updateExperimentJobLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            405: components["responses"]["ServerCrash"];
        };
    };
    listExperimentJobStatuses: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of job statuses. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobStatusPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    createExperimentJobStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentJobStatusWrite"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The stored job status. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperimentJobStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Status uuid, 32 hex characters. A dashed uuid does not match the route (404). */
                status_uuid: components["parameters"]["StatusUuid"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The job status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobStatus"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    replaceExperimentJobStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Status uuid, 32 hex characters. A dashed uuid does not match the route (404). */
                status_uuid: components["parameters"]["StatusUuid"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentJobStatusWrite"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The job status after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    updateExperimentJobStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job integer id. */
                job_id: components["parameters"]["JobId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Status uuid, 32 hex characters. A dashed uuid does not match the route (404). */
                status_uuid: components["parameters"]["StatusUuid"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentJobStatusWrite"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The job status after the update. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentJobStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    reconcileExperimentJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Experiment-job uuid, 32 hex characters without dashes. */
                job_uuid: components["parameters"]["JobUuid"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobReconcile"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperimentLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["LogsText"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    appendExperimentLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": string | string[];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    listExperimentMetrics: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentMetricPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    createExperimentMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MetricCreate"] | components["schemas"]["MetricCreate"][];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The created metric for an object body; an empty body for an array body. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentMetric"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    downloadExperimentOutputs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["ArchiveRedirect"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    downloadExperimentOutputsFile: {
        parameters: {
            query: {
                /** @description File path relative to the outputs root. */
                path: string;
            };
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["BinaryFile"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperimentOutputsTree: {
        parameters: {
            query?: {
                /** @description Directory relative to the outputs root (joined without sanitising; an absolute path replaces the root). */
                path?: string;
            };
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description Files and directories of that directory. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutputsTree"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    restartExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["ExperimentClone"];
        responses: {
            "5XX": components["responses"]["ServerError"];
            201: components["responses"]["ClonedExperiment"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    restoreExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    resumeExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["ExperimentClone"];
        responses: {
            "5XX": components["responses"]["ServerError"];
            201: components["responses"]["ClonedExperiment"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    listExperimentStatuses: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of statuses. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentStatusPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    createExperimentStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentStatusCreate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The stored status. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getExperimentStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Status uuid, 32 hex characters. A dashed uuid does not match the route (404). */
                status_uuid: components["parameters"]["StatusUuid"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentStatus"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    stopExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    startExperimentTensorboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TensorboardStart"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The already running tensorboard job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TensorboardJob"];
                };
            };
            /** @description The new tensorboard job. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TensorboardJob"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    stopExperimentTensorboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    exchangeEphemeralTokenLegacy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The experiment owner's API token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenEmpty"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    unbookmarkExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment integer id (not the uuid). */
                id: components["parameters"]["ExperimentId"];
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            204: components["responses"]["EmptyNoContent"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    deleteExperimentsViaPost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            405: components["responses"]["ServerCrash"];
        };
    };
    deleteExperiments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ExperimentIds"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    stopExperiments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ExperimentIds"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            200: components["responses"]["EmptyOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    listArchivedExperiments: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
                /** @description `created_at` or `updated_at`, `-` prefix = descending. Default `-updated_at`. */
                sort?: components["parameters"]["BookmarkSort"];
            };
            header?: never;
            path: {
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of archived experiments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchivedExperimentPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    listBookmarkedExperiments: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
                /** @description `created_at` or `updated_at`, `-` prefix = descending. Default `-updated_at`. */
                sort?: components["parameters"]["BookmarkSort"];
            };
            header?: never;
            path: {
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of bookmarks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookmarkPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    listExperiments: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of experiments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["Throttled"];
        };
    };
    listExperimentSearches: {
        parameters: {
            query?: {
                /** @description Page size (> 0). Invalid values silently fall back to the default (20, or 300000 for metrics, chart views and searches). No maximum. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip (≥ 0). The Python client requests page N as `offset=(N-1)*20`, omitted for page 1. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description A page of saved searches. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentSearchPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
        };
    };
    createExperimentSearch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentSearchCreate"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The saved search. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentSearch"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    deleteExperimentSearch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project name (a slug of at most 128 characters). */
                project_name: components["parameters"]["ProjectName"];
                /** @description Saved-search integer id. */
                search_id: components["parameters"]["SearchId"];
                /** @description Owner of the project (server kwarg `owner_name`). */
                username: components["parameters"]["Username"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            204: components["responses"]["EmptyNoContent"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["ServerCrash"];
            429: components["responses"]["Throttled"];
        };
    };
    getCurrentUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The current user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["Throttled"];
        };
    };
    loginWithCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginCredentials"];
                "application/x-www-form-urlencoded": components["schemas"]["LoginCredentials"];
            };
        };
        responses: {
            "5XX": components["responses"]["ServerError"];
            /** @description The user's API token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
}
