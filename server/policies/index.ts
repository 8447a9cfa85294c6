/** The server's view of the access rules: the one table lives in shared/domain/access (the web hides what it would refuse). */
export * from "../../shared/domain/access";
