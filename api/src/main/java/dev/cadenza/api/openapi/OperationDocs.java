package dev.cadenza.api.openapi;

import java.util.List;
import java.util.Map;

/**
 * Summaries, descriptions and specific problem answers of the API's operations, from the REST
 * contract (API.md). They fill in what a controller's annotations leave out, so controllers
 * that carry no springdoc annotations are documented too; an {@code @Operation} on the
 * controller wins.
 */
final class OperationDocs {
  static final String GENERATIONS = "Generations";
  static final String ACCOUNT = "Account";
  static final String ADMIN = "Admin";
  static final String FILES = "Files";
  static final String UPLOADS = "Uploads";
  static final String PUBLIC = "Public";
  static final String OPERATIONS = "Operations";

  /**
   * @param problems status to description, beside the ones every operation of its kind has
   * @param successStatus the status of success when the code does not declare it (null: 200 as
   *     springdoc found it)
   * @param successSchema a schema of {@link ContractSchemas} for the success body, {@code
   *     "string"} for a text stream, or null to keep springdoc's
   */
  record Doc(
      String summary,
      String description,
      Map<String, String> problems,
      String successStatus,
      String successDescription,
      String successSchema,
      String successMediaType) {
    Doc(String summary, String description, Map<String, String> problems) {
      this(summary, description, problems, null, null, null, null);
    }

    Doc answering(String status, String description, String schema) {
      return answering(status, description, schema, OpenApiDocumentation.JSON);
    }

    Doc answering(String status, String description, String schema, String mediaType) {
      return new Doc(summary, this.description, problems, status, description, schema, mediaType);
    }
  }

  /** A query or header parameter: what it means and, for a closed set, its values. */
  record ParameterDoc(String description, List<String> values) {}

  private static final Map<String, ParameterDoc> PARAMETERS = Map.of(
      "query limit",
      new ParameterDoc("Page size, 1 to 100 (default 20).", null),
      "query cursor",
      new ParameterDoc("The `nextCursor` of the previous page; absent for the first page.", null),
      "query type",
      new ParameterDoc("Only generations of this type.", ContractSchemas.TYPES),
      "query status",
      new ParameterDoc("Only generations in this status.", ContractSchemas.STATUSES),
      "header Idempotency-Key",
      new ParameterDoc(
          "Same key and same body within 24 h return the first answer; same key with another"
              + " body: 409 CONFLICT.",
          null),
      "header Last-Event-ID",
      new ParameterDoc("Resume after this event id.", null),
      "query expires",
      new ParameterDoc("Part of the signed URL.", null),
      "query signature",
      new ParameterDoc("Part of the signed URL.", null),
      "header Range",
      new ParameterDoc("Only these bytes, as media players ask (`bytes=0-1023`).", null));

  /** The signed upload URL's own parameters. */
  private static final Map<String, ParameterDoc> UPLOAD_PARAMETERS = Map.of(
      "query contentType",
      new ParameterDoc("Part of the signed upload URL: the only `Content-Type` it takes.", null),
      "query size",
      new ParameterDoc("Part of the signed upload URL: the most bytes it takes.", null));

  static ParameterDoc parameter(String in, String name) {
    ParameterDoc doc = PARAMETERS.get(in + " " + name);
    return doc != null ? doc : UPLOAD_PARAMETERS.get(in + " " + name);
  }

  private static final Map<String, Doc> DOCS = Map.ofEntries(
      Map.entry(
          "POST /v1/admin/users",
          new Doc(
              "Create a user", """
              Creates the user, one API key and the credit account; `credits` > 0 adds a \
              `bonus` transaction. The answer carries the API key, shown this once.""", Map.of("409", "`CONFLICT`: a user with this email exists."))),
      Map.entry(
          "GET /v1/admin/users/{userId}",
          new Doc(
              "Get a user's account",
              "The user and their credits, as `GET /v1/me` shows them.",
              Map.of())),
      Map.entry(
          "POST /v1/admin/users/{userId}/credits",
          new Doc(
              "Grant or adjust credits",
              """
              Adds `amount` credits as `purchase`, `bonus` or `admin_adjust`. A negative amount \
              only with `admin_adjust`, and never below what the account has reserved.""",
              Map.of(
                  "422",
                  "`VALIDATION_FAILED` (invalid fields), `INSUFFICIENT_CREDITS` (a debit over the"
                      + " available credits)."))),
      Map.entry(
          "POST /v1/admin/users/{userId}/refunds",
          new Doc(
              "Refund credits",
              """
              Gives `amount` spent credits back as one `refund` transaction described by \
              `reason`. For a `generationId`: only the user's own, paid-for generation, at most \
              its cost, once. Never more than the user has spent.""",
              Map.of(
                  "409",
                  "`NOT_REFUNDABLE` (the generation spent nothing), `ALREADY_REFUNDED`, `CONFLICT`"
                      + " (the `Idempotency-Key` was used with another body).",
                  "422",
                  "`VALIDATION_FAILED` (invalid fields, more than the generation cost),"
                      + " `REFUND_EXCEEDS_SPENDING` (more than the user has spent)."))),
      Map.entry(
          "GET /v1/admin/generations/{id}",
          new Doc(
                  "Get any generation",
                  "The generation as its owner sees it, plus `userId`.",
                  Map.of())
              .answering("200", "The generation.", ContractSchemas.GENERATION)),
      Map.entry(
          "POST /v1/admin/generations/{id}/retry",
          new Doc(
                  "Retry a generation",
                  """
              Starts a failed or canceled generation again as a new generation (new id, new \
              hold) of the same user, type and input. A render's `publishTo` target whose `at` \
              has passed is sent as soon as the retried render is stored (the new input shows \
              it without `at`).""",
                  Map.of(
                      "400",
                      "`VALIDATION_FAILED`: a malformed `Idempotency-Key`.",
                      "402",
                      "`INSUFFICIENT_CREDITS`: the user cannot afford it; nothing is left running.",
                      "409",
                      "`NOT_RETRYABLE` (it has not failed or been canceled, or its input no"
                          + " longer passes the checks of a new request, e.g. a remix whose parent"
                          + " was unpublished since: `errors` names the field; nothing is"
                          + " created), `CONFLICT` (the `Idempotency-Key` is in use)."))
              .answering("201", "The new generation, queued.", ContractSchemas.GENERATION)),
      Map.entry(
          "GET /v1/admin/fleet",
          new Doc(
              "GPU fleet status",
              "Every configured GPU worker as it answers now: reachable, models, slots, busy"
                  + " slots, queue depth.",
              Map.of())),
      Map.entry(
          "GET /v1/me",
          new Doc(
              "The caller's account",
              "The user, the webhook secret and the credits (`available` = `balance` - `reserved`).",
              Map.of())),
      Map.entry("GET /v1/credits/transactions", new Doc("Credit history", """
              Balance-changing entries, newest first, paged by `cursor`. A generation's hold \
              shows in `reserved` while it runs and becomes one `spend` if it succeeds.""", Map.of())),
      Map.entry(
          "POST /v1/generations",
          new Doc(
                  "Start a generation",
                  """
              Holds the type's cost and starts the generation; answers 201 with it. With \
              `Idempotency-Key`, the same key and body within 24 h return the first answer.""",
                  Map.of(
                      "402",
                      "`INSUFFICIENT_CREDITS`: the caller cannot afford it; nothing is left running.",
                      "409",
                      "`CONFLICT`: the `Idempotency-Key` was used with another body.",
                      "429",
                      "`RATE_LIMITED`: too many requests; retry after `Retry-After`."))
              .answering("201", "The generation, queued.", ContractSchemas.GENERATION)),
      Map.entry(
          "GET /v1/generations",
          new Doc(
                  "List generations",
                  "The caller's own generations, newest first, filtered by `type` and `status`, paged by `cursor`.",
                  Map.of())
              .answering("200", "One page.", ContractSchemas.GENERATION_PAGE)),
      Map.entry(
          "GET /v1/generations/{id}",
          new Doc(
                  "Get a generation",
                  "Status, steps, progress and, once succeeded, the output with signed download URLs.",
                  Map.of())
              .answering("200", "The generation.", ContractSchemas.GENERATION)),
      Map.entry(
          "POST /v1/generations/{id}/cancel",
          new Doc(
                  "Cancel a generation",
                  "Asks a running generation to stop (202); its hold is released, nothing is spent.",
                  Map.of("409", "`NOT_CANCELABLE`: the generation has already ended."))
              .answering("202", "The generation, being canceled.", ContractSchemas.GENERATION)),
      Map.entry(
          "GET /v1/generations/{id}/events",
          new Doc("Follow a generation", """
              Server-sent events: `status`, `step_started`, `progress`, `step_completed`, \
              `completed`, `failed`, `canceled`. Supports `Last-Event-ID`; the stream ends \
              after the terminal event.""", Map.of())
              .answering(
                  "200",
                  "Events; `data` is JSON (`progress`: `{\"step\", \"percent\"}`).",
                  "string",
                  "text/event-stream")),
      Map.entry(
          "POST /v1/generations/{id}/publish",
          new Doc(
                  "Publish a generation",
                  """
              Shows a succeeded generation in the public feed, newest published first; its \
              files get public URLs that need no key (the generation's asset `url`s become \
              them). Publishing a published generation changes nothing.""",
                  Map.of("409", "`NOT_PUBLISHABLE`: only succeeded generations can be published."))
              .answering("200", "The generation, `published`.", ContractSchemas.GENERATION)),
      Map.entry(
          "DELETE /v1/generations/{id}/publish",
          new Doc(
                  "Unpublish a generation",
                  """
              Removes the generation from the public feed; its public URLs answer 404 from \
              now on and its asset `url`s are signed URLs again. Unpublishing an unpublished \
              generation changes nothing.""",
                  Map.of("409", "`NOT_PUBLISHABLE`: only succeeded generations can be published."))
              .answering("200", "The generation, not `published`.", ContractSchemas.GENERATION)),
      Map.entry(
          "DELETE /v1/generations/{id}/publications/{index}",
          new Doc(
                  "Cancel a scheduled publication",
                  """
              Calls off the render's `publishTo[index]` target that waits for its `at`: it is \
              never sent and shows as `canceled` in `output.publications`. The generation stays \
              `succeeded` and charged. Canceling a canceled one again answers the same.""",
                  Map.of(
                      "404",
                      "`NOT_FOUND`: no such generation of the caller's, or it has no publication"
                          + " at that index.",
                      "409",
                      "`NOT_CANCELABLE`: the publication is not waiting any more (delivered,"
                          + " failed, being sent) or was not scheduled."))
              .answering(
                  "200",
                  "The generation, that publication `canceled`.",
                  ContractSchemas.GENERATION)),
      Map.entry(
          "GET /v1/feed",
          new Doc("Public feed", """
              Published generations of all users, newest published first, paged by `cursor`, \
              with public URLs for their files. Nothing about who made them, nor their input.""", Map.of())
              .answering("200", "One page.", ContractSchemas.FEED_PAGE)),
      Map.entry(
          "GET /v1/public/generations/{id}/{file}",
          new Doc(
              "Download a published file",
              """
              A file of a published generation, without a key, while it is published (checked \
              on every request): unpublished, it answers 404. Supports `Range` and \
              `If-None-Match` (the ETag is the file's sha256).""",
              Map.of("416", "`RANGE_NOT_SATISFIABLE`: the `Range` is outside the file."))),
      Map.entry(
          "GET /v1/tools",
          new Doc(
              "Generation types and prices",
              "The catalogue: each type with its price and steps.",
              Map.of())),
      Map.entry(
          "POST /v1/batches",
          new Doc(
              "Start a batch",
              "Starts 1 to 8 generations at once; all are held together or none.",
              Map.of("402", "`INSUFFICIENT_CREDITS`: the caller cannot afford the whole batch."))),
      Map.entry(
          "GET /v1/files/{key}",
          new Doc(
              "Download a file",
              "A signed, expiring download URL of generated media; the signature is the grant.",
              Map.of("403", "`INVALID_SIGNATURE`: the link is invalid or has expired."))));

  static Doc find(String method, String path) {
    Doc doc = DOCS.get(method + " " + path);
    return doc != null ? doc : UPLOAD_DOCS.get(method + " " + path);
  }

  /** API.md "Uploads (inputs the user owns)". */
  private static final Map<String, Doc> UPLOAD_DOCS = Map.of(
      "POST /v1/uploads",
      new Doc("Create an upload", """
              Declares a file (`contentType`: image/png, image/jpeg, image/webp, audio/wav, \
              audio/mpeg or video/mp4; `sizeBytes` within the type's limit) and answers 201 with \
              where to send its bytes: `method` to `uploadUrl` with `headers`, before \
              `expiresAt` (15 min). Then complete it.""", Map.of()),
      "POST /v1/uploads/{id}/complete",
      new Doc(
          "Complete an upload",
          """
              Checks that the bytes arrived, have the declared size and really are of the \
              declared type (pictures decoded, sound and video probed); answers the upload, \
              `ready`, with its `sha256`. Unused uploads are deleted after 24 h.""",
          Map.of(
              "409",
              "`UPLOAD_NOT_RECEIVED`: no bytes yet (send them, then complete again);"
                  + " `CONFLICT`: completed before, refused or expired.",
              "422",
              "`UPLOAD_INVALID`: the bytes are not of the declared type or size; the object is"
                  + " deleted.")),
      "GET /v1/uploads/{id}",
      new Doc("Get an upload", "One of the caller's uploads.", Map.of()),
      "GET /v1/uploads",
      new Doc("List uploads", "The caller's uploads, newest first, paged by `cursor`.", Map.of()),
      "PUT /v1/files/{key}",
      new Doc(
          "Send an upload's bytes",
          """
              The service's own signed upload URL (local storage; with S3 the bucket's presigned \
              URL is used instead). The body must have the signed `Content-Type` and at most the \
              signed size.""",
          Map.of(
              "403",
              "`INVALID_SIGNATURE`: the link is invalid or has expired.",
              "413",
              "`PAYLOAD_TOO_LARGE`: more bytes than the upload declared.",
              "415",
              "`UNSUPPORTED_MEDIA_TYPE`: another `Content-Type` than the upload declared.")));

  static String tagFor(String path) {
    if (path.startsWith("/v1/admin")) {
      return ADMIN;
    }
    if (path.equals("/v1/me") || path.startsWith("/v1/credits")) {
      return ACCOUNT;
    }
    if (path.startsWith("/v1/files")) {
      return FILES;
    }
    if (path.startsWith("/v1/uploads")) {
      return UPLOADS;
    }
    if (path.startsWith("/v1/feed") || path.startsWith("/v1/public")) {
      return PUBLIC;
    }
    if (path.startsWith("/actuator")) {
      return OPERATIONS;
    }
    return GENERATIONS;
  }

  /** Paths that need no key (see {@code SecurityConfiguration.PUBLIC_PATHS}). */
  static boolean isPublic(String path) {
    return path.startsWith("/v1/files/")
        || path.equals("/v1/feed")
        || path.startsWith("/v1/public/")
        || path.equals("/v1/credits/packages")
        || path.equals("/v1/webhooks/stripe")
        || path.startsWith("/actuator");
  }

  private OperationDocs() {}
}
