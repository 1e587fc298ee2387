global using Cascade.Results;
