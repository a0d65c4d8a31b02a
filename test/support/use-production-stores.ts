// setupFiles of the jest project that runs the end-to-end suites on EventStoreDB + MongoDB.
process.env.PAT_TEST_STORES = 'eventstoredb+mongodb';
