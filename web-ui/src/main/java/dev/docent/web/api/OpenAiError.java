package dev.docent.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal on the OpenAI-compatible API, in OpenAI's error shape
 * {@code {"error": {"message", "type", "param", "code"}}} so that their client libraries raise
 * their usual exceptions.
 */
final class OpenAiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    OpenAiError(int status, String message, String type, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static OpenAiError invalid(String message, String param) {
        return new OpenAiError(400, message, "invalid_request_error", param, null);
    }

    static OpenAiError modelNotFound(String message) {
        return new OpenAiError(404, message, "invalid_request_error", "model", "model_not_found");
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body(getMessage(), type, param, code);
    }

    /** The OpenAI shape for any status: the type follows OpenAI's use (client errors vs server errors). */
    static Map<String, Object> body(int status, String message) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429, 503 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
        return body(message, type, null, null);
    }

    private static Map<String, Object> body(String message, String type, String param, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message == null ? "error" : message);
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return Map.of("error", e);
    }
}
