enum ChatDomainModule {}
