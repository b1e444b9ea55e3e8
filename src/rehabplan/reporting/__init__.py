"""What leaves the training unit as numbers: the leader's key figures, the KL Gateway §140
delivery report and the research export."""
