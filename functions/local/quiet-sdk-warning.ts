// The lockfile pins an SDK that supports Node 20 (see docs/architecture.md); its notice about future
// releases needing Node 22 says nothing actionable to someone running `npm start`. Imported first.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
