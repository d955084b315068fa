package dev.poolform.testing.arm;

/** An ARM error response: HTTP status plus the {@code {"error": {code, message, target}}} body. */
final class ArmError extends RuntimeException {
  final int status;
  final String code;
  final String target;

  ArmError(int status, String code, String target, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = target;
  }

  static ArmError notFound(String what) {
    return new ArmError(
        404, "ResourceNotFound", null, "The Resource '" + what + "' was not found.");
  }

  static ArmError invalid(String target, String message) {
    return new ArmError(400, "InvalidParameter", target, message);
  }
}
