global using Cascade.Outcomes;
